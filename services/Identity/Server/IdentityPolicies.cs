namespace PublicServices.Identity.Server;

/// <summary>The authorization policies of this service's own API.</summary>
public static class IdentityPolicies
{
    /// <summary>A caller with an access token issued by this server.</summary>
    public const string Bearer = "identity-bearer";
}
