using MailKit.Security;

namespace PublicServices.Identity.Mail;

/// <summary>
/// The mail server the identity service sends through (section "Identity:Smtp"). An empty Host is the embedded mode:
/// messages are written to the log and kept in the queue as sent to the log.
/// </summary>
public sealed class SmtpOptions
{
    public const string Section = "Identity:Smtp";

    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    /// <summary>Auto: TLS on port 465, STARTTLS when the server offers it; None for a server on loopback only.</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.Auto;
    /// <summary>Login to the server, when it asks for one (the password is a secret: from the environment, never committed).</summary>
    public string? UserName { get; set; }
    public string? Password { get; set; }
    /// <summary>The sender, as "Name &lt;address&gt;".</summary>
    public string From { get; set; } = "";
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);
    public int BatchSize { get; set; } = 20;
    /// <summary>The wait after a first failure; it doubles with each failure, up to an hour.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);
    public int MaxAttempts { get; set; } = 12;
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool LogsOnly => string.IsNullOrWhiteSpace(Host);

    /// <summary>The wait before attempt <paramref name="attempts"/> + 1, with ±20% jitter so replicas do not retry together.</summary>
    public TimeSpan Backoff(int attempts, double random)
    {
        var seconds = Math.Min(RetryDelay.TotalSeconds * Math.Pow(2, Math.Max(0, attempts - 1)), 3600);
        return TimeSpan.FromSeconds(seconds * (0.8 + 0.4 * random));
    }
}
