using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using PublicServices.Documents.Storage;
using PublicServices.Documents.Tests.Support;
using PublicServices.Testing;

namespace PublicServices.Documents.Tests.Integration;

public sealed class ReadAccessTests(S3App app) : IClassFixture<S3App>
{
    [Fact]
    public async Task The_owner_reads_metadata_and_content_with_its_sniffed_type_and_a_safe_file_name()
    {
        var owner = DocumentsApp.NewCitizen();
        using var client = app.Citizen(owner);
        var bytes = TestFiles.Pdf(70_000);
        var uploaded = await app.UploadAsync(client, bytes, "Tờ khai: đăng ký.pdf");

        var metadata = await (await client.GetDocumentAsync(uploaded.Id)).DocumentAsync();
        using var content = await client.GetContentAsync(uploaded.Id);

        Assert.Equal(uploaded, metadata);
        Assert.Equal(HttpStatusCode.OK, content.StatusCode);
        Assert.Equal("application/pdf", content.Content.Headers.ContentType?.MediaType);
        Assert.Equal(bytes, await content.Content.ReadAsByteArrayAsync());
        var disposition = content.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal("Tờ khai_ đăng ký.pdf", disposition.FileNameStar);
        Assert.StartsWith("attachment; filename=\"To khai_ dang ky.pdf\"; filename*=UTF-8''",
            content.Content.Headers.GetValues("Content-Disposition").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", content.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task A_range_request_gets_206_with_exactly_those_bytes()
    {
        using var client = app.Citizen(DocumentsApp.NewCitizen());
        var bytes = TestFiles.Pdf(50_000);
        var document = await app.UploadAsync(client, bytes);

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/documents/{document.Id}/content");
        request.Headers.Range = new RangeHeaderValue(1000, 1999);
        using var partial = await client.SendAsync(request);
        using var beyond = new HttpRequestMessage(HttpMethod.Get, $"/api/documents/{document.Id}/content");
        beyond.Headers.Range = new RangeHeaderValue(60_000, null);
        using var unsatisfiable = await client.SendAsync(beyond);

        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal("bytes 1000-1999/50000", partial.Content.Headers.ContentRange?.ToString());
        Assert.Equal(bytes[1000..2000], await partial.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, unsatisfiable.StatusCode);
    }

    [Fact]
    public async Task The_owner_gets_a_presigned_link_that_downloads_the_same_bytes_without_a_token()
    {
        using var client = app.Citizen(DocumentsApp.NewCitizen());
        var bytes = TestFiles.Jpeg(40_000);
        var document = await app.UploadAsync(client, bytes, "anh.jpg", TestCatalog.Images);

        var link = await (await client.GetLinkAsync(document.Id)).LinkAsync();
        using var anonymous = new HttpClient();
        using var download = await anonymous.GetAsync(link.Url);

        Assert.StartsWith($"http://{PublicServices.Testing.TestServers.S3.Endpoint}/{app.Bucket}/", link.Url, StringComparison.Ordinal);
        Assert.InRange(link.ExpiresAt, DateTime.UtcNow.AddMinutes(4), DateTime.UtcNow.AddMinutes(5).AddSeconds(5));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/jpeg", download.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_expired_presigned_url_is_refused_by_the_object_store()
    {
        using var client = app.Citizen(DocumentsApp.NewCitizen());
        var document = await app.UploadAsync(client, TestFiles.Pdf(1000));
        var url = await app.Service<IObjectStore>().PresignGetAsync(document.Id.ToString("N"), TimeSpan.FromSeconds(1), default);
        using var anonymous = new HttpClient();
        using (var fresh = await anonymous.GetAsync(url))
            Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);

        await Task.Delay(TimeSpan.FromSeconds(2.2));
        using var expired = await anonymous.GetAsync(url);

        Assert.Equal(HttpStatusCode.Forbidden, expired.StatusCode);
    }

    [Fact]
    public async Task Another_citizen_gets_404_for_metadata_content_and_link()
    {
        using var owner = app.Citizen(DocumentsApp.NewCitizen());
        var document = await app.UploadAsync(owner, TestFiles.Pdf(1000));
        using var other = app.Citizen(DocumentsApp.NewCitizen());

        await (await other.GetDocumentAsync(document.Id)).Problem(HttpStatusCode.NotFound);
        await (await other.GetContentAsync(document.Id)).Problem(HttpStatusCode.NotFound);
        await (await other.GetLinkAsync(document.Id)).Problem(HttpStatusCode.NotFound);
        Assert.DoesNotContain(document.Id, (await other.ListAsync(unattached: false)).Select(d => d.Id));
    }

    [Fact]
    public async Task An_officer_of_the_dossier_agency_reads_an_attached_document_but_not_before_it_is_attached()
    {
        var ownerId = DocumentsApp.NewCitizen();
        using var owner = app.Citizen(ownerId);
        var bytes = TestFiles.Pdf(5000);
        var document = await app.UploadAsync(owner, bytes);
        using var officer = app.Officer(TestCatalog.Agency, "one_stop_desk");

        await (await officer.GetDocumentAsync(document.Id)).Problem(HttpStatusCode.NotFound);
        using (var attach = await app.AttachAsync(Guid.NewGuid(), ownerId, TestCatalog.Agency, document.Id))
            Assert.Equal(HttpStatusCode.OK, attach.StatusCode);

        Assert.Equal(document.Id, (await (await officer.GetDocumentAsync(document.Id)).DocumentAsync()).Id);
        using var content = await officer.GetContentAsync(document.Id);
        Assert.Equal(bytes, await content.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, (await officer.GetLinkAsync(document.Id)).StatusCode);
    }

    [Fact]
    public async Task An_officer_of_another_agency_or_without_an_officer_role_cannot_read_an_attached_document()
    {
        var ownerId = DocumentsApp.NewCitizen();
        using var owner = app.Citizen(ownerId);
        var document = await app.UploadAsync(owner, TestFiles.Pdf(5000));
        using (var attach = await app.AttachAsync(Guid.NewGuid(), ownerId, TestCatalog.Agency, document.Id))
            Assert.Equal(HttpStatusCode.OK, attach.StatusCode);
        using var ward = app.Officer(TestCatalog.OtherAgency, "one_stop_desk");
        using var admin = app.Officer(TestCatalog.Agency, "admin");

        foreach (var stranger in new[] { ward, admin })
        {
            await (await stranger.GetDocumentAsync(document.Id)).Problem(HttpStatusCode.NotFound);
            await (await stranger.GetContentAsync(document.Id)).Problem(HttpStatusCode.NotFound);
            await (await stranger.GetLinkAsync(document.Id)).Problem(HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task The_unattached_list_holds_only_the_callers_uploads_not_yet_in_a_dossier()
    {
        var ownerId = DocumentsApp.NewCitizen();
        using var owner = app.Citizen(ownerId);
        var kept = await app.UploadAsync(owner, TestFiles.Pdf(1000));
        var attached = await app.UploadAsync(owner, TestFiles.Pdf(1000));
        using (var attach = await app.AttachAsync(Guid.NewGuid(), ownerId, TestCatalog.Agency, attached.Id))
            Assert.Equal(HttpStatusCode.OK, attach.StatusCode);
        using var other = app.Citizen(DocumentsApp.NewCitizen());
        await app.UploadAsync(other, TestFiles.Pdf(1000));

        Assert.Equal([kept.Id], (await owner.ListAsync(unattached: true)).Select(d => d.Id));
        Assert.Equal(new[] { kept.Id, attached.Id }.Order(), (await owner.ListAsync(unattached: false)).Select(d => d.Id).Order());
    }

    [Fact]
    public async Task An_expired_upload_is_no_longer_readable_even_before_the_sweep_removes_it()
    {
        using var client = app.Citizen(DocumentsApp.NewCitizen());
        var document = await app.UploadAsync(client, TestFiles.Pdf(2000));
        await app.WithDbAsync(db => db.Documents.Where(d => d.Id == document.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.ExpiresAt, DateTime.UtcNow.AddSeconds(-1))));

        await (await client.GetDocumentAsync(document.Id)).Problem(HttpStatusCode.NotFound);
        await (await client.GetContentAsync(document.Id)).Problem(HttpStatusCode.NotFound);
        Assert.Contains(document.Id.ToString("N"), await app.ObjectKeysAsync());
    }
}
