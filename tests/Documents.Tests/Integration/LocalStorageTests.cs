using System.Globalization;
using System.Net;
using PublicServices.Documents.Domain.Downloads;
using PublicServices.Documents.Tests.Support;
using PublicServices.Testing;

namespace PublicServices.Documents.Tests.Integration;

public sealed class LocalStorageTests(LocalApp app) : IClassFixture<LocalApp>
{
    [Fact]
    public async Task A_document_round_trips_through_the_local_folder()
    {
        using var client = app.Citizen(DocumentsApp.NewCitizen());
        var bytes = TestFiles.Png(30_000);

        var document = await app.UploadAsync(client, bytes, "ảnh.png", TestCatalog.Images);
        using var content = await client.GetContentAsync(document.Id);

        Assert.Equal(TestFiles.Sha256(bytes), document.Sha256);
        Assert.Equal(bytes, await app.ObjectBytesAsync(document.Id.ToString("N")));
        Assert.Equal(bytes, await content.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/png", content.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_signed_link_downloads_without_a_token_until_it_expires()
    {
        using var client = app.Citizen(DocumentsApp.NewCitizen());
        var bytes = TestFiles.Pdf(12_000);
        var document = await app.UploadAsync(client, bytes);

        var link = await (await client.GetLinkAsync(document.Id)).LinkAsync();
        using var anonymous = new HttpClient();
        using var download = await anonymous.GetAsync(link.Url);

        Assert.StartsWith(client.BaseAddress!.GetLeftPart(UriPartial.Authority), link.Url, StringComparison.Ordinal);
        Assert.Contains($"/api/documents/{document.Id}/signed?exp=", link.Url, StringComparison.Ordinal);
        Assert.InRange(link.ExpiresAt, DateTime.UtcNow.AddMinutes(4), DateTime.UtcNow.AddMinutes(5).AddSeconds(5));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_tampered_expired_or_borrowed_signature_is_refused_with_403()
    {
        using var client = app.Citizen(DocumentsApp.NewCitizen());
        var document = await app.UploadAsync(client, TestFiles.Pdf(1000));
        var other = await app.UploadAsync(client, TestFiles.Pdf(1000));
        var link = new Uri((await (await client.GetLinkAsync(document.Id)).LinkAsync()).Url);
        var query = System.Web.HttpUtility.ParseQueryString(link.Query);
        var (exp, sig) = (long.Parse(query["exp"]!, CultureInfo.InvariantCulture), query["sig"]!);
        var signer = app.Service<LinkSigner>();
        var past = DateTimeOffset.UtcNow.AddSeconds(-5).ToUnixTimeSeconds();
        using var anonymous = app.Client();

        var tampered = (sig[0] == 'A' ? "B" : "A") + sig[1..];
        await (await anonymous.GetAsync($"/api/documents/{document.Id}/signed?exp={exp}&sig={tampered}")).Problem(HttpStatusCode.Forbidden);
        await (await anonymous.GetAsync($"/api/documents/{document.Id}/signed?exp={exp + 3600}&sig={sig}")).Problem(HttpStatusCode.Forbidden);
        await (await anonymous.GetAsync($"/api/documents/{document.Id}/signed?exp={past}&sig={signer.Sign(document.Id, past)}")).Problem(HttpStatusCode.Forbidden);
        await (await anonymous.GetAsync($"/api/documents/{other.Id}/signed?exp={exp}&sig={sig}")).Problem(HttpStatusCode.Forbidden);
        await (await anonymous.GetAsync($"/api/documents/{document.Id}/signed")).Problem(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(link.PathAndQuery)).StatusCode);
    }

    [Fact]
    public async Task An_oversize_upload_leaves_no_file_behind()
    {
        var owner = DocumentsApp.NewCitizen();
        using var client = app.Citizen(owner);
        var before = await app.ObjectKeysAsync();

        using var response = await client.PostAsync(DocumentsApp.UploadUrl(TestCatalog.PdfOnly),
            TestFiles.ChunkedForm(TestFiles.Pdf((int)TestCatalog.SmallLimit + 100_000), "lon.pdf"));

        await response.Problem(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(before.Order(), (await app.ObjectKeysAsync()).Order());
    }
}
