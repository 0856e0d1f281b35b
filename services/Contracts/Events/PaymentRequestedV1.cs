namespace PublicServices.Contracts.Events;

/// <summary>workflow → payments: the fee a dossier must pay before its workflow goes on (amount in VND, a whole number).</summary>
public sealed record PaymentRequestedV1(Guid DossierId, string? Code, string? AgencyCode, long Amount, string? Currency, string? Note)
{
    public const string Type = WorkflowEffects.PaymentRequested;
}
