using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PublicServices.Documents.Domain.Results;

/// <summary>Bound from "Documents:Results": where the verification page is and each agency's signing certificate.</summary>
public sealed class ResultsOptions
{
    public const string Section = "Documents:Results";

    /// <summary>The portal's public address for the QR code's <c>/verify/{id}</c> link; Auth:Issuer (the gateway) when empty.</summary>
    public string? PortalBaseUrl { get; set; }

    /// <summary>
    /// Agency code → its signing certificate: <c>Documents:Results:Certificates:{agency}:Pfx</c> (base64 PKCS#12 with the
    /// private key) and <c>…:Password</c>. An agency without one gets a generated development certificate in the Demo and
    /// Development environments only; elsewhere its results wait (503 to the workflow) until it is configured.
    /// </summary>
    public Dictionary<string, CertificateSetting> Certificates { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The configured agencies whose certificate cannot be loaded or has no private key.</summary>
    public IEnumerable<string> Unloadable() => Certificates.Where(c => !CanLoad(c.Value)).Select(c => c.Key);

    static bool CanLoad(CertificateSetting setting)
    {
        try
        {
            using var certificate = setting.Load();
            return certificate.HasPrivateKey;
        }
        catch (Exception e) when (e is CryptographicException or FormatException or ArgumentException)
        {
            return false;
        }
    }
}

public sealed class CertificateSetting
{
    /// <summary>The PKCS#12 (.pfx) file, base64.</summary>
    public string Pfx { get; set; } = "";
    public string? Password { get; set; }

    public X509Certificate2 Load() => X509CertificateLoader.LoadPkcs12(Convert.FromBase64String(Pfx), Password);
}
