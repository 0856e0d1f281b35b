using MailKit.Security;

namespace PublicServices.ServiceDefaults.Mail;

/// <summary>
/// A mail server a service sends through (identity: "Identity:Smtp", notifications: "Notifications:Smtp"). An empty
/// Host is the embedded mode: the service writes its messages to the log instead.
/// </summary>
public class SmtpServerOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    /// <summary>Auto: TLS on port 465, STARTTLS when the server offers it; None for a server on loopback only.</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.Auto;
    /// <summary>Login to the server, when it asks for one (the password is a secret: from the environment, never committed).</summary>
    public string? UserName { get; set; }
    public string? Password { get; set; }
    /// <summary>The sender, as "Name &lt;address&gt;".</summary>
    public string From { get; set; } = "";
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool LogsOnly => string.IsNullOrWhiteSpace(Host);

    /// <summary>What start-up checks: a sender address once a server is named, a port that can exist.</summary>
    public bool IsValid => Port is > 0 and < 65536 && (LogsOnly || System.Net.Mail.MailAddress.TryCreate(From, out _));
}

/// <summary>The wait before a queued message's next attempt, shared by the services that queue mail.</summary>
public static class RetryDelays
{
    /// <summary>
    /// <paramref name="first"/> after the first failure, doubling with each one up to <paramref name="max"/>, with ±20%
    /// jitter (<paramref name="random"/> in [0, 1]) so that replicas do not retry together.
    /// </summary>
    public static TimeSpan Exponential(TimeSpan first, TimeSpan max, int attempts, double random)
    {
        var seconds = Math.Min(first.TotalSeconds * Math.Pow(2, Math.Clamp(attempts - 1, 0, 30)), max.TotalSeconds);
        return TimeSpan.FromSeconds(seconds * (0.8 + 0.4 * Math.Clamp(random, 0, 1)));
    }
}
