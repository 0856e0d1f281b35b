using PublicServices.ServiceDefaults.Mail;

namespace PublicServices.Identity.Mail;

/// <summary>
/// The mail server the identity service sends through (section "Identity:Smtp"; the server settings are shared with
/// the notifications service) and how its queue is drained. An empty Host is the embedded mode: messages are written
/// to the log and kept in the queue as sent to the log.
/// </summary>
public sealed class SmtpOptions : SmtpServerOptions
{
    public const string Section = "Identity:Smtp";

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);
    public int BatchSize { get; set; } = 20;
    /// <summary>The wait after a first failure; it doubles with each failure, up to an hour.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);
    public int MaxAttempts { get; set; } = 12;

    /// <summary>The wait before attempt <paramref name="attempts"/> + 1, with ±20% jitter so replicas do not retry together.</summary>
    public TimeSpan Backoff(int attempts, double random) => RetryDelays.Exponential(RetryDelay, TimeSpan.FromHours(1), attempts, random);
}
