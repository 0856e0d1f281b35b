namespace PublicServices.Identity.Data;

/// <summary>
/// A message waiting in the identity database's mail queue (table MailQueue) or sent from it. Written in the transaction
/// of what it tells about, sent later by <see cref="Mail.MailSender"/>, so no request waits for the mail server.
/// </summary>
public sealed class OutgoingMail
{
    public const int AddressMaxLength = 256;
    public const int SubjectMaxLength = 300;
    public const int ErrorMaxLength = 1000;

    public Guid Id { get; set; }
    public string To { get; set; } = "";
    public string Subject { get; set; } = "";
    /// <summary>The plain-text body (links written out in full).</summary>
    public string Text { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    /// <summary>No mail server was configured (embedded mode): the message went to the service's log instead.</summary>
    public bool SentToLog { get; set; }
    /// <summary>Every attempt failed; the message stays here for an operator, never retried.</summary>
    public bool GaveUp { get; set; }
    public string? LastError { get; set; }

    public static OutgoingMail Create(string to, string subject, string text, DateTimeOffset now) =>
        new() { Id = Guid.CreateVersion7(now), To = to, Subject = subject, Text = text, CreatedAt = now };
}
