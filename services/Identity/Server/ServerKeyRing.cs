using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using PublicServices.Identity.Data;

namespace PublicServices.Identity.Server;

/// <summary>
/// The keys the OpenID server signs and encrypts tokens with. Loaded once at start (<see cref="LoadAsync"/>) before
/// the first request, then read by the OpenIddict options.
/// </summary>
public sealed class ServerKeyRing
{
    RsaSecurityKey? signing;
    SymmetricSecurityKey? encryption;

    public RsaSecurityKey Signing => signing ?? throw NotLoaded();
    public SymmetricSecurityKey Encryption => encryption ?? throw NotLoaded();

    /// <summary>
    /// Finds the keys: configuration first (Identity:SigningKey, Identity:EncryptionKey); otherwise the database, where
    /// a missing key is created once for every replica (<see cref="ServerKeyStore"/>).
    /// </summary>
    public async Task LoadAsync(IdentityDb db, IdentityOptions options, CancellationToken cancel = default)
    {
        var signingPem = options.SigningKey is { Length: > 0 } configured
            ? configured
            : await ServerKeyStore.GetOrCreateAsync(db, ServerKey.Signing, NewRsaPem, cancel);
        var encryptionBase64 = options.EncryptionKey is { Length: > 0 } configuredKey
            ? configuredKey
            : await ServerKeyStore.GetOrCreateAsync(db, ServerKey.Encryption, () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), cancel);
        signing = RsaKey(signingPem);
        encryption = SymmetricKey(encryptionBase64);
    }

    static InvalidOperationException NotLoaded() =>
        new("The server keys are not loaded: InitializeIdentityAsync must run before the service takes requests.");

    static string NewRsaPem()
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportPkcs8PrivateKeyPem();
    }

    /// <summary>Accepts PKCS#1 or PKCS#8 PEM. The key id is the RFC 7638 thumbprint, the same on every replica.</summary>
    static RsaSecurityKey RsaKey(string pem)
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
