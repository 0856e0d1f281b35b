using Microsoft.Extensions.Options;
using PublicServices.ServiceDefaults;

namespace PublicServices.Gateway;

/// <summary>Everything the gateway itself decides, bound from the "Gateway" section and validated on start.</summary>
public sealed class GatewayOptions
{
    public const string Section = "Gateway";

    public RateLimitOptions RateLimit { get; set; } = new();
    public BodyLimitOptions Limits { get; set; } = new();
    public TimeoutOptions Timeouts { get; set; } = new();
    public ReadinessOptions Readiness { get; set; } = new();
    public SecurityHeaderOptions SecurityHeaders { get; set; } = new();
    public EdgeCacheOptions EdgeCache { get; set; } = new();
}

/// <summary>
/// Fixed windows per client address (X-Forwarded-For counts only from Gateway:TrustedProxies). The counters live in
/// this process: with several gateway replicas each one counts on its own, so the limit a client meets is PermitLimit
/// per replica it reaches (set it with that in mind). It is a flood guard; the shared login throttle is the identity
/// service's.
/// </summary>
public sealed class RateLimitOptions
{
    /// <summary>False turns every limit into a no-op (benchmarks, load tests).</summary>
    public bool Enabled { get; set; } = true;
    public int PermitLimit { get; set; } = 600;
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
    public int QueueLimit { get; set; }
    /// <summary>The tighter limit on password and token posts, against brute force.</summary>
    public WindowLimit Login { get; set; } = new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(1) };
}

public sealed class WindowLimit
{
    public int PermitLimit { get; set; }
    public TimeSpan Window { get; set; }
    public int QueueLimit { get; set; }
}

public sealed class BodyLimitOptions
{
    /// <summary>Document uploads (POST /api/documents): 1.2 GiB, above the largest requirement (1 GiB drawings).</summary>
    public long UploadBytes { get; set; } = 1_288_490_188;
    /// <summary>Every other request, and Kestrel's global limit.</summary>
    public long DefaultBytes { get; set; } = 1_048_576;
    /// <summary>
    /// How far past its limit a refused body (known Content-Length) is still read and thrown away, so that a client
    /// that sends the whole body before reading gets the 413 instead of a broken connection.
    /// </summary>
    public long DrainBytes { get; set; } = 4_194_304;
}

public sealed class TimeoutOptions
{
    public TimeSpan Default { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan Upload { get; set; } = TimeSpan.FromMinutes(30);
}

public sealed class ReadinessOptions
{
    /// <summary>How long one backend's /health/ready may take before it counts as down.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(2);
    /// <summary>How long a result is reused, so frequent probes cost the backends nothing.</summary>
    public TimeSpan CacheFor { get; set; } = TimeSpan.FromSeconds(2);
}

public sealed class SecurityHeaderOptions
{
    /// <summary>
    /// Sent with HTML answers that carry no policy of their own. Forms and styles from 'self' keep the identity login
    /// pages working; a backend that needs more (a nonce, another form target) sends its own header, which is kept.
    /// </summary>
    public string ContentSecurityPolicy { get; set; } = PagePolicy.ContentSecurityPolicy();
    public string ReferrerPolicy { get; set; } = "no-referrer";
    public string PermissionsPolicy { get; set; } = "camera=(), microphone=(), geolocation=()";
    public string StrictTransportSecurity { get; set; } = "max-age=31536000; includeSubDomains";
}

sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayOptions o)
    {
        var errors = new List<string>();
        void Window(string path, int permits, TimeSpan window, int queue)
        {
            if (permits < 1) errors.Add($"{path}:PermitLimit must be at least 1");
            if (window <= TimeSpan.Zero) errors.Add($"{path}:Window must be positive");
            if (queue < 0) errors.Add($"{path}:QueueLimit must not be negative");
        }
        Window("Gateway:RateLimit", o.RateLimit.PermitLimit, o.RateLimit.Window, o.RateLimit.QueueLimit);
        Window("Gateway:RateLimit:Login", o.RateLimit.Login.PermitLimit, o.RateLimit.Login.Window, o.RateLimit.Login.QueueLimit);
        if (o.Limits.DefaultBytes < 1) errors.Add("Gateway:Limits:DefaultBytes must be positive");
        if (o.Limits.DrainBytes < 0) errors.Add("Gateway:Limits:DrainBytes must not be negative");
        if (o.Limits.UploadBytes < o.Limits.DefaultBytes) errors.Add("Gateway:Limits:UploadBytes must not be below DefaultBytes");
        if (o.Timeouts.Default <= TimeSpan.Zero || o.Timeouts.Upload <= TimeSpan.Zero) errors.Add("Gateway:Timeouts must be positive");
        if (o.Readiness.Timeout <= TimeSpan.Zero) errors.Add("Gateway:Readiness:Timeout must be positive");
        if (o.Readiness.CacheFor < TimeSpan.Zero) errors.Add("Gateway:Readiness:CacheFor must not be negative");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
