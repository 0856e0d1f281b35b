namespace PublicServices.Identity.Data;

/// <summary>
/// Key material the OpenID server signs and encrypts with, kept in the database so every replica and every restart
/// uses the same keys. Id is the key's purpose (<see cref="Signing"/>, <see cref="Encryption"/>).
/// </summary>
public sealed class ServerKey
{
    public const string Signing = "signing";
    public const string Encryption = "encryption";

    public string Id { get; set; } = "";
    /// <summary>PEM for an RSA key, base64 for a symmetric one.</summary>
    public string Material { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}
