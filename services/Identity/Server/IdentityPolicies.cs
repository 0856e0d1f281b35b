namespace PublicServices.Identity.Server;

/// <summary>The authorization policies of this service's own API and account pages.</summary>
public static class IdentityPolicies
{
    /// <summary>A caller with an access token issued by this server.</summary>
    public const string Bearer = "identity-bearer";
    /// <summary>An administrator's access token issued by this server.</summary>
    public const string Administrator = "identity-administrator";
    /// <summary>A browser with the identity service's login cookie.</summary>
    public const string SignedIn = "identity-cookie";
    /// <summary>A browser between the password and the second step of a login (Identity's two-factor cookie, 5 minutes).</summary>
    public const string SecondStep = "identity-second-step";
}
