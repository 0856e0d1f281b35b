namespace PublicServices.ServiceDefaults;

/// <summary>Claim types shared by the identity service and the resource servers.</summary>
public static class Claims
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Role = "role";
    public const string Scope = "scope";
    public const string Agency = "agency";
    public const string ClientId = "client_id";
}
