using Microsoft.Extensions.Options;
using PublicServices.Documents.Domain.Downloads;

namespace PublicServices.Documents.Tests.Unit;

public sealed class LinkSignerTests
{
    static LinkSigner Signer(string key = "a-test-key-that-is-at-least-32-characters-long") =>
        new(Options.Create(new DocumentsOptions { LinkSigningKey = key }));

    static readonly DateTimeOffset Now = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_signature_is_valid_for_its_document_until_its_expiry()
    {
        var id = Guid.NewGuid();
        var exp = Now.AddMinutes(5).ToUnixTimeSeconds();
        var sig = Signer().Sign(id, exp);

        Assert.True(Signer().IsValid(id, exp, sig, Now));
        Assert.True(Signer().IsValid(id, exp, sig, Now.AddMinutes(5)));
        Assert.False(Signer().IsValid(id, exp, sig, Now.AddMinutes(5).AddSeconds(1)));
    }

    [Fact]
    public void A_signature_does_not_carry_over_to_another_document_expiry_or_key()
    {
        var id = Guid.NewGuid();
        var exp = Now.AddMinutes(5).ToUnixTimeSeconds();
        var sig = Signer().Sign(id, exp);

        Assert.False(Signer().IsValid(Guid.NewGuid(), exp, sig, Now));
        Assert.False(Signer().IsValid(id, exp + 60, sig, Now));
        Assert.False(Signer("another-key-that-is-also-32-characters-long").IsValid(id, exp, sig, Now));
        Assert.False(Signer().IsValid(id, exp, "not*base64", Now));
        Assert.False(Signer().IsValid(id, exp, "", Now));
        Assert.False(Signer().IsValid(id, exp, null, Now));
    }
}
