using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PublicServices.Documents.Data;
using PublicServices.ServiceDefaults;

namespace PublicServices.Documents.Domain.Results;

/// <summary>
/// The certificate an agency signs its results with: from configuration (<see cref="ResultsOptions.Certificates"/>), or,
/// in the Demo and Development environments only, a self-signed development certificate generated on first use and kept
/// in the database (insert-if-absent: replicas racing to make one all end up signing with the one stored first).
/// </summary>
public sealed class AgencyCertificates(DocumentsDb db, IOptions<ResultsOptions> options, IHostEnvironment environment, TimeProvider clock,
    ILogger<AgencyCertificates> log)
{
    /// <summary>How long a development certificate is valid.</summary>
    public static readonly TimeSpan DevelopmentLifetime = TimeSpan.FromDays(5 * 365);

    /// <summary>The agency's certificate with its private key, or null when none is configured outside Demo/Development.</summary>
    public async Task<X509Certificate2?> FindAsync(string agencyCode, string agencyName, CancellationToken cancel)
    {
        if (options.Value.Certificates.TryGetValue(agencyCode, out var configured) && configured.Pfx.Length > 0)
            return configured.Load();
        if (!environment.IsDemo() && !environment.IsDevelopment())
        {
            log.LogError("No signing certificate for agency {Agency}: set {Setting}:Pfx (base64 PKCS#12) and {Setting}:Password; its results wait until then",
                agencyCode, $"{ResultsOptions.Section}:Certificates:{agencyCode}", $"{ResultsOptions.Section}:Certificates:{agencyCode}");
            return null;
        }
        var stored = await StoredAsync(agencyCode, cancel);
        if (stored is null)
        {
            db.SigningCertificates.Add(new SigningCertificate
            {
                AgencyCode = agencyCode, Pfx = Development(agencyName, clock.GetUtcNow()), CreatedAt = clock.GetUtcNow().UtcDateTime,
            });
            try
            {
                await db.SaveChangesAsync(cancel);
                log.LogWarning("Generated a development signing certificate for agency {Agency}; configure a real one outside Demo", agencyCode);
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation())
            {
                // Another replica stored one first: sign with that one.
            }
            db.ChangeTracker.Clear();
            stored = await StoredAsync(agencyCode, cancel);
        }
        return X509CertificateLoader.LoadPkcs12(stored!, null);
    }

    Task<byte[]?> StoredAsync(string agencyCode, CancellationToken cancel) =>
        db.SigningCertificates.AsNoTracking().Where(c => c.AgencyCode == agencyCode).Select(c => c.Pfx).FirstOrDefaultAsync(cancel);

    /// <summary>A self-signed RSA 3072 certificate named after the agency, for document signing, as PKCS#12 without a password.</summary>
    public static byte[] Development(string agencyName, DateTimeOffset now)
    {
        using var key = RSA.Create(3072);
        var name = new X500DistinguishedNameBuilder();
        name.AddCountryOrRegion("VN");
        name.AddOrganizationName(agencyName);
        name.AddCommonName(agencyName);
        var request = new CertificateRequest(name.Build(), key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, critical: true));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.Add(DevelopmentLifetime));
        return certificate.Export(X509ContentType.Pkcs12);
    }
}
