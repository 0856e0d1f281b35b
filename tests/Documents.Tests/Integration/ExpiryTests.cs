using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PublicServices.Documents.Data;
using PublicServices.Documents.Domain;
using PublicServices.Documents.Domain.Expiry;
using PublicServices.Documents.Storage;
using PublicServices.Documents.Tests.Support;

namespace PublicServices.Documents.Tests.Integration;

/// <summary>The sweep runs in the background every 0.5 s here.</summary>
public sealed class ExpiryTests(FastSweepApp app) : IClassFixture<FastSweepApp>
{
    Task Expire(Guid id) => app.WithDbAsync(db => db.Documents.Where(d => d.Id == id)
        .ExecuteUpdateAsync(s => s.SetProperty(d => d.ExpiresAt, DateTime.UtcNow.AddSeconds(-1))));

    async Task WaitUntilGoneAsync(Guid id)
    {
        for (var i = 0; i < 100 && await app.WithDbAsync(db => db.Documents.AnyAsync(d => d.Id == id)); i++)
            await Task.Delay(100);
    }

    [Fact]
    public async Task An_expired_upload_disappears_from_database_and_storage_while_an_attached_one_stays()
    {
        var owner = DocumentsApp.NewCitizen();
        using var client = app.Citizen(owner);
        var expired = await app.UploadAsync(client, TestFiles.Pdf(2000));
        var attached = await app.UploadAsync(client, TestFiles.Pdf(2000));
        using (var attach = await app.AttachAsync(Guid.NewGuid(), owner, TestCatalog.Agency, attached.Id))
            Assert.Equal(HttpStatusCode.OK, attach.StatusCode);

        await Expire(expired.Id);
        await WaitUntilGoneAsync(expired.Id);

        Assert.False(await app.WithDbAsync(db => db.Documents.AnyAsync(d => d.Id == expired.Id)));
        var keys = await app.ObjectKeysAsync();
        Assert.DoesNotContain(expired.Id.ToString("N"), keys);
        Assert.Contains(attached.Id.ToString("N"), keys);
        Assert.Equal(HttpStatusCode.OK, (await client.GetContentAsync(attached.Id)).StatusCode);
    }

    [Fact]
    public async Task An_upload_abandoned_while_pending_is_swept_with_its_object()
    {
        var id = Guid.NewGuid();
        var key = ObjectKeys.For(id);
        await app.Service<IObjectStore>().PutAsync(key, new MemoryStream(TestFiles.Pdf(1000)), "application/pdf", default);
        await app.WithDbAsync(async db =>
        {
            db.Documents.Add(new Document
            {
                Id = id, OwnerId = "crashed", ProcedureCode = TestCatalog.Procedure, RequirementCode = TestCatalog.Any,
                FileName = "a.pdf", ContentType = "application/pdf", StorageKey = key, Status = DocumentStatus.Pending,
                CreatedAt = DateTime.UtcNow.AddHours(-3), ExpiresAt = DateTime.UtcNow.AddHours(-1),
            });
            return await db.SaveChangesAsync();
        });

        await WaitUntilGoneAsync(id);

        Assert.False(await app.WithDbAsync(db => db.Documents.AnyAsync(d => d.Id == id)));
        Assert.DoesNotContain(key, await app.ObjectKeysAsync());
    }

    [Fact]
    public async Task Two_replicas_sweeping_at_once_delete_every_expired_upload_without_errors()
    {
        using var client = app.Citizen(DocumentsApp.NewCitizen());
        var documents = new List<DocumentDto>();
        for (var i = 0; i < 6; i++)
            documents.Add(await app.UploadAsync(client, TestFiles.Pdf(1000)));
        foreach (var d in documents)
            await Expire(d.Id);

        var sweeps = Enumerable.Range(0, 2).Select(async _ =>
        {
            await using var scope = app.Factory.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<ExpirySweep>().SweepAsync(default);
        });
        var deleted = await Task.WhenAll(sweeps);

        Assert.InRange(deleted.Sum(), 0, documents.Count);
        var ids = documents.Select(d => d.Id).ToList();
        Assert.Equal(0, await app.WithDbAsync(db => db.Documents.CountAsync(d => ids.Contains(d.Id))));
        var keys = await app.ObjectKeysAsync();
        Assert.All(documents, d => Assert.DoesNotContain(d.Id.ToString("N"), keys));
    }
}
