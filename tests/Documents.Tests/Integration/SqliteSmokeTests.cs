using System.Net;
using PublicServices.Documents.Tests.Support;

namespace PublicServices.Documents.Tests.Integration;

/// <summary>The embedded mode: SQLite and a local folder, nothing installed.</summary>
public sealed class SqliteSmokeTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task The_service_starts_on_sqlite_and_stores_attaches_and_serves_a_document()
    {
        using var anonymous = app.Client();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/ready")).StatusCode);
        var owner = DocumentsApp.NewCitizen();
        using var client = app.Citizen(owner);
        var bytes = TestFiles.Pdf(20_000);

        var document = await app.UploadAsync(client, bytes);
        var listed = await client.ListAsync(unattached: true);
        using var attach = await app.AttachAsync(Guid.NewGuid(), owner, TestCatalog.Agency, document.Id);
        using var content = await client.GetContentAsync(document.Id);

        Assert.Equal([document.Id], listed.Select(d => d.Id));
        Assert.Equal(DateTimeKind.Utc, listed[0].CreatedAt.Kind);
        Assert.Equal(HttpStatusCode.OK, attach.StatusCode);
        Assert.Equal(bytes, await content.Content.ReadAsByteArrayAsync());
        Assert.True(File.Exists(Path.Combine(app.TempRoot, "data", "documents.db")));
    }
}
