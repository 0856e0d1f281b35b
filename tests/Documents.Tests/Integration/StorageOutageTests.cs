using System.Net;
using Microsoft.EntityFrameworkCore;
using PublicServices.Documents.Data;
using PublicServices.Documents.Tests.Support;
using PublicServices.Testing;

namespace PublicServices.Documents.Tests.Integration;

/// <summary>
/// While the object store cannot be reached, an upload is answered 503 with Retry-After as problem+json (the client
/// sends it again) and stores no document; once the store is back the same upload is stored.
/// </summary>
public sealed class StorageOutageTests(RelayedS3App app) : IClassFixture<RelayedS3App>
{
    [Fact]
    public async Task An_upload_while_the_object_store_is_unreachable_gets_503_with_Retry_After_and_stores_nothing()
    {
        var owner = DocumentsApp.NewCitizen();
        using var client = app.Citizen(owner);
        var bytes = TestFiles.Pdf(20_000);
        app.Relay.Down = true;
        HttpResponseMessage refused;
        try
        {
            refused = await client.PostAsync(DocumentsApp.UploadUrl(TestCatalog.PdfOnly), TestFiles.Form(bytes, "to-khai.pdf"));
        }
        finally
        {
            app.Relay.Down = false;
        }

        await refused.Problem(HttpStatusCode.ServiceUnavailable);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        // At most the Pending row that leads the expiry sweep to an object the store may hold after all.
        Assert.Equal(0, await app.WithDbAsync(db => db.Documents.CountAsync(d => d.OwnerId == owner && d.Status != DocumentStatus.Pending)));
        using var stored = await client.PostAsync(DocumentsApp.UploadUrl(TestCatalog.PdfOnly), TestFiles.Form(bytes, "to-khai.pdf"));
        Assert.Equal(TestFiles.Sha256(bytes), (await stored.DocumentAsync(HttpStatusCode.Created)).Sha256);
    }
}
