namespace PublicServices.ServiceDefaults;

/// <summary>Where tokens come from and who they are for. Bound from the "Auth" section.</summary>
public sealed class AuthOptions
{
    /// <summary>The public issuer written into every token (the gateway's address).</summary>
    public string Issuer { get; set; } = "";
    /// <summary>Where this service reaches the identity service itself; service discovery names work.</summary>
    public string Authority { get; set; } = "http://identity";
    /// <summary>The resource (audience) this service accepts tokens for; also its scope name.</summary>
    public string Audience { get; set; } = "";
    /// <summary>This service's own client, for calls it makes to other services.</summary>
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
}
