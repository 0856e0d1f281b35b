namespace PublicServices.Notifications.Data;

/// <summary>Where a message is on its way: waiting (or retrying), delivered, given up, or with nobody to send it to yet.</summary>
public enum DeliveryStatus { Pending, Sent, Dead, Unresolved }

/// <summary>
/// One message on one channel (the queue the sender drains): written, already rendered in the recipient's language,
/// in the transaction that records the event in the inbox. The address is looked up when it is sent, so a person who
/// changes their e-mail in between is mailed at the new one.
/// </summary>
public sealed class Delivery
{
    public const int ErrorMaxLength = 2000;

    public Guid Id { get; set; }
    public Guid EventId { get; set; }
    public Guid? DossierId { get; set; }
    public string Template { get; set; } = "";
    public string Channel { get; set; } = "";
    /// <summary>The applicant's user id; null for officers (then <see cref="Recipient"/> names the agency and role).</summary>
    public string? UserId { get; set; }
    /// <summary>The address it went to (e-mail or phone), once looked up; "agency/role" for officers.</summary>
    public string? Recipient { get; set; }
    public string Language { get; set; } = "vi";
    public string Subject { get; set; } = "";
    public string Text { get; set; } = "";
    public string? Html { get; set; }
    public DeliveryStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string? LastError { get; set; }
}
