using PublicServices.ServiceDefaults.Mail;

namespace PublicServices.Notifications;

/// <summary>How the deliveries are sent and retried, and the mail server; bound from the "Notifications" section.</summary>
public sealed class NotificationsOptions
{
    public const string Section = "Notifications";

    /// <summary>The mail server (Notifications:Smtp); an empty Host writes e-mails to the log (embedded mode).</summary>
    public SmtpServerOptions Smtp { get; set; } = new();

    /// <summary>How soon a new delivery is noticed when the queue was empty.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);
    public int BatchSize { get; set; } = 20;
    /// <summary>The wait after a first failure; it doubles with each failure up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(1);
    /// <summary>Attempts before a delivery is given up (kept as dead, with its last error).</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>The wait before attempt <paramref name="attempts"/> + 1.</summary>
    public TimeSpan Backoff(int attempts, double random) => RetryDelays.Exponential(RetryDelay, RetryMaxDelay, attempts, random);

    public bool IsValid => Smtp.IsValid && BatchSize > 0 && MaxAttempts > 0 && PollInterval > TimeSpan.Zero
        && RetryDelay > TimeSpan.Zero && RetryMaxDelay >= RetryDelay;
}
