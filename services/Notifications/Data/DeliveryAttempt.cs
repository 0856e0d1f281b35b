namespace PublicServices.Notifications.Data;

/// <summary>The delivery log: one row per attempt to send a message, whatever came of it (never changed afterwards).</summary>
public sealed class DeliveryAttempt
{
    public Guid Id { get; set; }
    public Guid DeliveryId { get; set; }
    public Guid? DossierId { get; set; }
    public string Channel { get; set; } = "";
    public string? Recipient { get; set; }
    public string Template { get; set; } = "";
    public int Attempt { get; set; }
    /// <summary>sent, failed (retried later), dead (given up) or unresolved (nobody to send it to yet).</summary>
    public string Outcome { get; set; } = "";
    public string? Error { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>The outcomes the log records.</summary>
public static class Outcomes
{
    public const string Sent = "sent";
    public const string Failed = "failed";
    public const string Dead = "dead";
    public const string Unresolved = "unresolved";
}
