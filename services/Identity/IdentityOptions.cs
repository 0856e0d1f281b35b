using Microsoft.Extensions.Options;
using PublicServices.ServiceDefaults;

namespace PublicServices.Identity;

/// <summary>The identity service's own settings, bound from the "Identity" section.</summary>
public sealed class IdentityOptions
{
    public const string Section = "Identity";

    /// <summary>PEM RSA private key to sign tokens with. When absent, one is generated once and kept in the database.</summary>
    public string? SigningKey { get; set; }
    /// <summary>Base64 256-bit key for the tokens OpenIddict encrypts (codes, refresh tokens). Same fallback.</summary>
    public string? EncryptionKey { get; set; }
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);
    /// <summary>One scope per API; each scope's resource (the token's audience) has the same name.</summary>
    public List<string> ApiScopes { get; set; } = [];
    /// <summary>
    /// Officers get no authorization code unless their login passed an authenticator code (TOTP); those without one are
    /// sent to set it up first. True in production (docs/contracts.md); false in development and tests, where the demo
    /// officers log in with their password alone.
    /// </summary>
    public bool RequireOfficerTotp { get; set; }
    /// <summary>
    /// The demo fallback of embedded mode: without a mail server (Identity:Smtp:Host empty), the registration page shows
    /// the confirmation link, labelled as such, so a person trying the demo can go on. Never in production: the AppHost
    /// sets it only in embedded mode, and it has no effect while a mail server is configured.
    /// </summary>
    public bool DemoConfirmationLinks { get; set; }
    public SeedOptions Seed { get; set; } = new();
    /// <summary>Keyed by client id, so a secret's setting is Identity:Clients:{id}:ClientSecret.</summary>
    public Dictionary<string, ClientOptions> Clients { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The settings that hold confidential clients' secrets (checked outside the Demo environment).</summary>
    public static IEnumerable<string> SecretKeys(IConfiguration configuration) =>
        configuration.GetSection($"{Section}:{nameof(Clients)}").GetChildren()
            .Where(c => !string.Equals(c[nameof(ClientOptions.Type)], ClientOptions.Public, StringComparison.OrdinalIgnoreCase))
            .Select(c => $"{c.Path}:{nameof(ClientOptions.ClientSecret)}");

    public LoginThrottleOptions LoginThrottle { get; set; } = new();
}

/// <summary>Growing delays after failed logins (Domain/LoginThrottle): failures free of delay per key, the cap, the memory.</summary>
public sealed class LoginThrottleOptions
{
    /// <summary>One account from one client address: after these, 1 s, then 2, 4 … before each further attempt.</summary>
    public int PerAccountAndAddress { get; set; } = 3;
    /// <summary>One account from all addresses together: generous, since anyone can add to it.</summary>
    public int PerAccount { get; set; } = 10;
    /// <summary>One address across all accounts (one password tried on many); an office behind one address shares it.</summary>
    public int PerAddress { get; set; } = 20;
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(15);
    /// <summary>A count with no failure for this long starts again from nothing.</summary>
    public TimeSpan ForgetAfter { get; set; } = TimeSpan.FromDays(1);
}

public sealed class SeedOptions
{
    /// <summary>Initial password of the demo officers and administrator, seeded in the Demo environment only.</summary>
    public string OfficerPassword { get; set; } = "";
}

/// <summary>An OAuth client, seeded (created or updated) on every start. Its id is its key under Identity:Clients.</summary>
public sealed class ClientOptions
{
    public const string Public = "public";
    public const string Confidential = "confidential";

    public string ClientId { get; set; } = "";
    /// <summary>Absent for public clients.</summary>
    public string? ClientSecret { get; set; }
    public string DisplayName { get; set; } = "";
    /// <summary>The role written into client-credentials tokens (business, service).</summary>
    public string? Role { get; set; }
    public string Type { get; set; } = Confidential;
    public List<string> Scopes { get; set; } = [];
    public List<string> RedirectUris { get; set; } = [];
    public List<string> PostLogoutRedirectUris { get; set; } = [];

    public bool IsPublic => string.Equals(Type, Public, StringComparison.OrdinalIgnoreCase);
}

sealed class IdentityOptionsValidator(IHostEnvironment environment) : IValidateOptions<IdentityOptions>
{
    public ValidateOptionsResult Validate(string? name, IdentityOptions o)
    {
        var errors = new List<string>();
        if (environment.IsDemo() && string.IsNullOrWhiteSpace(o.Seed.OfficerPassword))
            errors.Add("Identity:Seed:OfficerPassword is required in the Demo environment");
        if (o.AccessTokenLifetime <= TimeSpan.Zero) errors.Add("Identity:AccessTokenLifetime must be positive");
        if (o.RefreshTokenLifetime <= TimeSpan.Zero) errors.Add("Identity:RefreshTokenLifetime must be positive");
        if (o.ApiScopes.Count == 0) errors.Add("Identity:ApiScopes must name at least one API");
        if (o.EncryptionKey is { Length: > 0 } k && !IsAes256Key(k)) errors.Add("Identity:EncryptionKey must be 32 bytes in base64");
        foreach (var c in o.Clients.Values)
        {
            var at = $"Identity:Clients:{c.ClientId}";
            if (!c.IsPublic && !string.Equals(c.Type, ClientOptions.Confidential, StringComparison.OrdinalIgnoreCase))
                errors.Add($"{at}: Type must be public or confidential");
            if (c.IsPublic && !string.IsNullOrEmpty(c.ClientSecret)) errors.Add($"{at}: a public client has no secret");
            if (!c.IsPublic && string.IsNullOrEmpty(c.ClientSecret)) errors.Add($"{at}: a confidential client needs a ClientSecret");
            if (c.IsPublic && c.RedirectUris.Count == 0) errors.Add($"{at}: a public client needs RedirectUris");
            foreach (var uri in c.RedirectUris.Concat(c.PostLogoutRedirectUris))
                if (!Uri.TryCreate(uri, UriKind.Absolute, out _) && !(uri.StartsWith('/') && !uri.StartsWith("//", StringComparison.Ordinal)))
                    errors.Add($"{at}: '{uri}' is neither an absolute URI nor a path on the gateway");
        }
        var t = o.LoginThrottle;
        if (t.PerAccountAndAddress < 1 || t.PerAccount < 1 || t.PerAddress < 1)
            errors.Add("Identity:LoginThrottle: PerAccountAndAddress, PerAccount and PerAddress must be at least 1");
        if (t.MaxDelay <= TimeSpan.Zero) errors.Add("Identity:LoginThrottle:MaxDelay must be positive");
        if (t.ForgetAfter < t.MaxDelay) errors.Add("Identity:LoginThrottle:ForgetAfter must not be shorter than MaxDelay");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    static bool IsAes256Key(string base64)
    {
        var buffer = new byte[64];
        return Convert.TryFromBase64String(base64, buffer, out var length) && length == 32;
    }
}
