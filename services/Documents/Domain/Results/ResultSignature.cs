using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace PublicServices.Documents.Domain.Results;

/// <summary>CMS/PKCS#7 detached signatures (.p7s) over a result's PDF bytes: SHA-256, the signer's certificate included.</summary>
public static class ResultSignature
{
    static readonly Oid Sha256 = new("2.16.840.1.101.3.4.2.1");

    public static byte[] Sign(byte[] content, X509Certificate2 certificate, DateTimeOffset signedAt)
    {
        var cms = new SignedCms(new ContentInfo(content), detached: true);
        var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, certificate)
        {
            DigestAlgorithm = Sha256,
            IncludeOption = X509IncludeOption.EndCertOnly,
        };
        signer.SignedAttributes.Add(new Pkcs9SigningTime(signedAt.UtcDateTime));
        cms.ComputeSignature(signer, silent: true);
        return cms.Encode();
    }

    /// <summary>
    /// True when <paramref name="signature"/> is a valid signature over exactly <paramref name="content"/> by the
    /// certificate whose SHA-256 thumbprint is <paramref name="thumbprint"/>. The chain is not built: development
    /// certificates are self-signed; what counts is that the agency's recorded certificate signed these bytes.
    /// </summary>
    public static bool Verifies(byte[] content, byte[] signature, string thumbprint)
    {
        try
        {
            var cms = new SignedCms(new ContentInfo(content), detached: true);
            cms.Decode(signature);
            if (cms.SignerInfos.Count != 1 || cms.SignerInfos[0] is not { Certificate: { } certificate } signer
                || !string.Equals(Thumbprint(certificate), thumbprint, StringComparison.Ordinal))
                return false;
            signer.CheckSignature(verifySignatureOnly: true);
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>Lower-case hex SHA-256 of the certificate's DER bytes.</summary>
    public static string Thumbprint(X509Certificate2 certificate) =>
        Convert.ToHexStringLower(certificate.GetCertHash(HashAlgorithmName.SHA256));
}
