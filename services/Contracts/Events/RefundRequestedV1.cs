namespace PublicServices.Contracts.Events;

/// <summary>
/// workflow → payments: the dossier ended without a result (not received or stopped), so whatever fee was paid for it
/// goes back to the payer. A dossier with nothing paid needs nothing.
/// </summary>
public sealed record RefundRequestedV1(Guid DossierId, string? Code, string? Reason)
{
    public const string Type = "RefundRequested.v1";
}
