namespace PublicServices.Contracts.Events;

/// <summary>payments → workflow: the fee was paid (amount in VND, a whole number).</summary>
public sealed record PaymentReceivedV1(Guid PaymentId, Guid DossierId, long Amount, string? Currency, string? Provider,
    string? ProviderTransactionNo, DateTimeOffset? PaidAt)
{
    public const string Type = "PaymentReceived.v1";

    /// <summary>The workflow event it resumes (bookmarks are keyed by the dossier id).</summary>
    public const string EventName = "PaymentReceived";
}
