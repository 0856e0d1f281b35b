using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using PublicServices.Identity.Data;
using PublicServices.Identity.Setup;

namespace PublicServices.Identity.Keys;

/// <summary>
/// The keys the OpenID server signs and encrypts tokens with. Loaded once at start (<see cref="ServerKeyStore"/>)
/// before the first request, then read by the OpenIddict options.
/// </summary>
public sealed class ServerKeyRing
{
    RsaSecurityKey? signing;
    SymmetricSecurityKey? encryption;

    public RsaSecurityKey Signing => signing ?? throw NotLoaded();
    public SymmetricSecurityKey Encryption => encryption ?? throw NotLoaded();

    internal void Load(RsaSecurityKey signingKey, SymmetricSecurityKey encryptionKey)
    {
        signing = signingKey;
        encryption = encryptionKey;
    }

    static InvalidOperationException NotLoaded() =>
        new("The server keys are not loaded: InitializeIdentityAsync must run before the service takes requests.");
}

/// <summary>
/// Finds the server keys: configuration first (Identity:SigningKey, Identity:EncryptionKey); otherwise the
/// database. A missing key is generated and inserted with ON CONFLICT DO NOTHING, then read back, so replicas
/// starting together all end up with whichever insert won.
/// </summary>
public static class ServerKeyStore
{
    public const string SigningId = "signing";
    public const string EncryptionId = "encryption";

    public static async Task LoadAsync(IdentityDb db, IdentityServiceOptions options, ServerKeyRing ring, CancellationToken cancel = default)
    {
        var signingPem = options.SigningKey is { Length: > 0 } configured
            ? configured
            : await GetOrCreateAsync(db, SigningId, NewRsaPem, cancel);
        var encryptionBase64 = options.EncryptionKey is { Length: > 0 } configuredKey
            ? configuredKey
            : await GetOrCreateAsync(db, EncryptionId, () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), cancel);
        ring.Load(RsaKey(signingPem), SymmetricKey(encryptionBase64));
    }

    static async Task<string> GetOrCreateAsync(IdentityDb db, string id, Func<string> generate, CancellationToken cancel)
    {
        var existing = await db.ServerKeys.AsNoTracking().Where(k => k.Id == id).Select(k => k.Material).FirstOrDefaultAsync(cancel);
        if (existing is not null) return existing;
        // Both PostgreSQL and SQLite know ON CONFLICT; the loser of a race inserts nothing and reads the winner's key.
        await db.Database.ExecuteSqlAsync(
            $"""INSERT INTO "ServerKeys" ("Id", "Material", "CreatedAt") VALUES ({id}, {generate()}, {DateTimeOffset.UtcNow}) ON CONFLICT ("Id") DO NOTHING""",
            cancel);
        return await db.ServerKeys.AsNoTracking().Where(k => k.Id == id).Select(k => k.Material).SingleAsync(cancel);
    }

    static string NewRsaPem()
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportPkcs8PrivateKeyPem();
    }

    /// <summary>Accepts PKCS#1 or PKCS#8 PEM. The key id is the RFC 7638 thumbprint, the same on every replica.</summary>
    internal static RsaSecurityKey RsaKey(string pem)
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        var key = new RsaSecurityKey(rsa);
        key.KeyId = Base64UrlEncoder.Encode(key.ComputeJwkThumbprint());
        return key;
    }

    static SymmetricSecurityKey SymmetricKey(string base64)
    {
        var key = new SymmetricSecurityKey(Convert.FromBase64String(base64));
        key.KeyId = Base64UrlEncoder.Encode(key.ComputeJwkThumbprint());
        return key;
    }
}
