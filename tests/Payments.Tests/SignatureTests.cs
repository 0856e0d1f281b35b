using PublicServices.Payments.Providers.VnPay;
using Sandbox = PublicServices.PaymentSandbox.Protocol.VnpSignature;

namespace PublicServices.Payments.Tests;

/// <summary>The adapter's signatures against ones computed independently here (TestSigning) and by the sandbox's own code.</summary>
public sealed class SignatureTests
{
    static readonly Dictionary<string, string> Sample = new(StringComparer.Ordinal)
    {
        ["vnp_TxnRef"] = "abc123", ["vnp_Amount"] = "15000000", ["vnp_OrderInfo"] = "Thanh toan le phi ho so 000.00.12.H10-261205-0001",
        ["vnp_ReturnUrl"] = "http://portal.test/api/payments/vnpay/return?a=1&b=c d", ["vnp_Version"] = "2.1.0",
    };

    static Dictionary<string, string> SampleWith(string key, string value) => new(Sample, StringComparer.Ordinal) { [key] = value };

    [Fact]
    public void The_query_signature_matches_an_independent_HMAC_SHA512_of_the_sorted_encoded_parameters()
    {
        var signed = VnPaySignature.SignedQuery(TestSigning.Secret, Sample);

        Assert.Equal(TestSigning.Query(Sample), signed);
        Assert.Equal(Sandbox.SignedQuery(TestSigning.Secret, Sample), signed);
        Assert.StartsWith("vnp_Amount=15000000&vnp_OrderInfo=Thanh+toan+le+phi", signed, StringComparison.Ordinal);
        // WebUtility.UrlEncode: space '+', upper-case %XX.
        Assert.Contains("vnp_ReturnUrl=http%3A%2F%2Fportal.test%2Fapi%2Fpayments%2Fvnpay%2Freturn%3Fa%3D1%26b%3Dc+d&", signed, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_values_and_parameters_not_starting_with_vnp_are_neither_signed_nor_sent()
    {
        var plain = VnPaySignature.SignedQuery(TestSigning.Secret, Sample);
        var withEmpty = SampleWith("vnp_BankCode", "");
        var withForeign = SampleWith("utm_source", "mail");

        Assert.Equal(plain, VnPaySignature.SignedQuery(TestSigning.Secret, withEmpty));
        Assert.Equal(plain, VnPaySignature.SignedQuery(TestSigning.Secret, withForeign));
        Assert.DoesNotContain("vnp_BankCode", plain, StringComparison.Ordinal);
        Assert.Equal(Sandbox.SignedQuery(TestSigning.Secret, withEmpty), VnPaySignature.SignedQuery(TestSigning.Secret, withEmpty));
        // A callback that carries an empty parameter (or a foreign one) verifies against the hash of the others.
        var hash = plain.Split("vnp_SecureHash=")[1];
        Assert.True(VnPaySignature.Verify(TestSigning.Secret, withEmpty.Append(new("vnp_SecureHash", hash))));
        Assert.True(VnPaySignature.Verify(TestSigning.Secret, withForeign.Append(new("vnp_SecureHash", hash))));
        Assert.False(VnPaySignature.Verify(TestSigning.Secret, SampleWith("vnp_BankCode", "NCB").Append(new("vnp_SecureHash", hash))));
    }

    [Fact]
    public void Verification_accepts_the_signed_parameters_and_refuses_any_change()
    {
        var hash = TestSigning.Query(Sample).Split("vnp_SecureHash=")[1];
        var signed = Sample.Append(new("vnp_SecureHash", hash)).ToList();

        Assert.True(VnPaySignature.Verify(TestSigning.Secret, signed));
        Assert.True(VnPaySignature.Verify(TestSigning.Secret, signed.Append(new("vnp_SecureHashType", "HmacSHA512"))));
        Assert.True(VnPaySignature.Verify(TestSigning.Secret, signed.Select(p => p.Key == "vnp_SecureHash" ? new(p.Key, p.Value.ToUpperInvariant()) : p)));
        Assert.False(VnPaySignature.Verify(TestSigning.Secret, signed.Select(p => p.Key == "vnp_Amount" ? new KeyValuePair<string, string>(p.Key, "15000100") : p)));
        Assert.False(VnPaySignature.Verify("another-secret-of-the-same-length-000000", signed));
        Assert.False(VnPaySignature.Verify(TestSigning.Secret, Sample));
    }

    [Fact]
    public void Dates_are_Vietnam_time()
    {
        Assert.Equal("20261205170000", VnPaySignature.Date(new DateTimeOffset(2026, 12, 5, 10, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateTimeOffset(2026, 12, 5, 10, 0, 0, TimeSpan.Zero), VnPaySignature.ParseDate("20261205170000"));
    }
}
