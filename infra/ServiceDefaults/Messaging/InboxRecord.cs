namespace PublicServices.ServiceDefaults.Messaging;

/// <summary>An event a consumer has handled; written in the same transaction as the handling's effect.</summary>
public sealed class InboxRecord
{
    public Guid EventId { get; set; }
    public required string Type { get; set; }
    public DateTimeOffset ProcessedAt { get; set; }
}
