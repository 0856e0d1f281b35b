using PublicServices.Payments.Providers.VnPay;

namespace PublicServices.Payments.Tests;

/// <summary>The adapter's signatures against ones computed independently here (TestSigning).</summary>
public sealed class SignatureTests
{
    static readonly Dictionary<string, string> Sample = new(StringComparer.Ordinal)
    {
        ["vnp_TxnRef"] = "abc123", ["vnp_Amount"] = "15000000", ["vnp_OrderInfo"] = "Thanh toan le phi ho so 000.00.12.H10-261205-0001",
        ["vnp_ReturnUrl"] = "http://portal.test/api/payments/vnpay/return", ["vnp_Version"] = "2.1.0", ["vnp_BankCode"] = "",
    };

    [Fact]
    public void The_query_signature_matches_an_independent_HMAC_SHA512_of_the_sorted_encoded_parameters()
    {
        var signed = VnPaySignature.SignedQuery(TestSigning.Secret, Sample);

        Assert.Equal(TestSigning.Query(Sample), signed);
        Assert.StartsWith("vnp_Amount=15000000&vnp_BankCode=&vnp_OrderInfo=Thanh+toan+le+phi", signed, StringComparison.Ordinal);
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
