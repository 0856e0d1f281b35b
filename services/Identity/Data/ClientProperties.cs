namespace PublicServices.Identity.Data;

/// <summary>Properties of our own that OpenIddict keeps with a client (application) in the database.</summary>
public static class ClientProperties
{
    /// <summary>The role written into the client's client-credentials tokens (business, service).</summary>
    public const string Role = "role";
}
