using System.Net;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PublicServices.Documents.Data;
using PublicServices.Documents.Domain.Uploads;
using PublicServices.Documents.Tests.Support;
using PublicServices.Testing;

namespace PublicServices.Documents.Tests.Integration;

/// <summary>Issue 12, hole 5: a user's uploads in flight and stored bytes are limited, across replicas.</summary>
public sealed class UserUploadLimitsTests(UserLimitsApp app) : IClassFixture<UserLimitsApp>
{
    [Fact]
    public async Task A_third_upload_at_once_is_refused_with_429_while_another_users_upload_goes_through()
    {
        var owner = DocumentsApp.NewCitizen();
        using var client = app.Citizen(owner);
        var release = new TaskCompletionSource();
        var held = Enumerable.Range(0, 2).Select(_ => app.Slow(owner, 40_000).HeldAsync(10_000, release.Task)).ToList();
        await Until(() => app.WithDbAsync(db => db.Documents.CountAsync(d => d.OwnerId == owner && d.Status == DocumentStatus.Pending)), 2);

        using var third = await client.PostAsync(DocumentsApp.UploadUrl(TestCatalog.Any), TestFiles.Form(TestFiles.Pdf(1000), "ba.pdf"));
        using var other = app.Citizen(DocumentsApp.NewCitizen());
        var othersDocument = await app.UploadAsync(other, TestFiles.Pdf(1000));

        var problem = await third.Problem(HttpStatusCode.TooManyRequests);
        Assert.Equal("Mỗi lần chỉ tải lên tối đa 2 tệp cùng lúc. Hãy chờ các tệp đang tải xong.", problem.FileError());
        Assert.NotEqual(Guid.Empty, othersDocument.Id);
        release.SetResult();
        foreach (var upload in held)
            Assert.Equal(HttpStatusCode.Created, await upload);
        // The slots are free again once the uploads end.
        await app.UploadAsync(client, TestFiles.Pdf(1000));
        Assert.Equal(3, await app.WithDbAsync(db => db.Documents.CountAsync(d => d.OwnerId == owner)));
    }

    [Fact]
    public async Task Slots_held_by_another_replica_count_against_the_user()
    {
        var owner = DocumentsApp.NewCitizen();
        using var client = app.Citizen(owner);
        // Another replica's uploads: its sessions hold the user's slot locks.
        await using (var replica = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(app.Database!.ConnectionString) { Pooling = false }.ConnectionString))
        {
            await replica.OpenAsync();
            for (var slot = 0; slot < 2; slot++)
            {
                await using var take = new NpgsqlCommand("SELECT pg_advisory_lock($1)", replica) { Parameters = { new() { Value = UploadSlots.Key(owner, slot) } } };
                await take.ExecuteNonQueryAsync();
            }

            using var refused = await client.PostAsync(DocumentsApp.UploadUrl(TestCatalog.Any), TestFiles.Form(TestFiles.Pdf(1000), "a.pdf"));
            await refused.Problem(HttpStatusCode.TooManyRequests);
        }

        // That replica died: its connection is gone, and so are its slots.
        await app.UploadAsync(client, TestFiles.Pdf(1000));
    }

    [Fact]
    public async Task A_user_over_their_quota_of_unattached_uploads_is_refused_with_413_and_nothing_is_stored()
    {
        var owner = DocumentsApp.NewCitizen();
        using var client = app.Citizen(owner);
        var first = await app.UploadAsync(client, TestFiles.Pdf(100_000));
        var keysBefore = await app.ObjectKeysAsync();

        using var declared = await client.PostAsync(DocumentsApp.UploadUrl(TestCatalog.Any), TestFiles.Form(TestFiles.Pdf(60_000), "hai.pdf"));
        using var chunked = await client.PostAsync(DocumentsApp.UploadUrl(TestCatalog.Any), TestFiles.ChunkedForm(TestFiles.Pdf(60_000), "ba.pdf"));

        foreach (var response in new[] { declared, chunked })
        {
            var problem = await response.Problem(HttpStatusCode.RequestEntityTooLarge);
            Assert.Equal("Đã hết dung lượng lưu trữ tạm", (string?)problem["title"]);
            Assert.Contains("146,5 KB", problem.FileError(), StringComparison.Ordinal);
        }
        Assert.Equal(keysBefore.Order(), (await app.ObjectKeysAsync()).Order());
        Assert.Equal([first.Id], await app.WithDbAsync(db => db.Documents.Where(d => d.OwnerId == owner).Select(d => d.Id).ToListAsync()));

        // What a dossier has claimed no longer counts.
        using var attached = await app.AttachAsync(Guid.NewGuid(), owner, TestCatalog.Agency, first.Id);
        Assert.Equal(HttpStatusCode.OK, attached.StatusCode);
        await app.UploadAsync(client, TestFiles.Pdf(100_000));
    }

    internal static async Task Until(Func<Task<int>> count, int expected)
    {
        for (var i = 0; i < 200 && await count() != expected; i++)
            await Task.Delay(50);
        Assert.Equal(expected, await count());
    }
}

public sealed class ProcessUploadLimitTests(OneUploadApp app) : IClassFixture<OneUploadApp>
{
    [Fact]
    public async Task When_every_upload_place_is_taken_a_new_upload_gets_503_with_retry_after_and_later_goes_through()
    {
        var owner = DocumentsApp.NewCitizen();
        var release = new TaskCompletionSource();
        var held = app.Slow(owner).HeldAsync(30_000, release.Task);
        await UserUploadLimitsTests.Until(() => app.WithDbAsync(db => db.Documents.CountAsync(d => d.OwnerId == owner)), 1);
        var other = DocumentsApp.NewCitizen();
        using var otherClient = app.Citizen(other);

        using var refused = await otherClient.PostAsync(DocumentsApp.UploadUrl(TestCatalog.Any), TestFiles.Form(TestFiles.Pdf(1000), "b.pdf"));

        var problem = await refused.Problem(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("Hệ thống đang bận, vui lòng thử lại sau ít phút", (string?)problem["title"]);
        Assert.Equal(TimeSpan.FromSeconds(7), refused.Headers.RetryAfter?.Delta);
        Assert.Equal(0, await app.WithDbAsync(db => db.Documents.CountAsync(d => d.OwnerId == other)));
        release.SetResult();
        Assert.Equal(HttpStatusCode.Created, await held);
        await app.UploadAsync(otherClient, TestFiles.Pdf(1000));
    }
}

public sealed class SlowClientTests(FastClientsApp app) : IClassFixture<FastClientsApp>
{
    [Fact]
    public async Task A_client_trickling_below_the_minimum_rate_is_cut_off_and_nothing_is_stored()
    {
        var owner = DocumentsApp.NewCitizen();
        var keysBefore = await app.ObjectKeysAsync();
        var started = DateTime.UtcNow;

        // 2 000 B/s for 15 s: above Kestrel's default minimum (240 B/s), far below this service's (50 000 B/s).
        var status = await app.Slow(owner, 30_000).TrickledAsync(500, TimeSpan.FromMilliseconds(250));

        Assert.True(status is null or HttpStatusCode.RequestTimeout, $"answered {status}");
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(12), "cut off within the grace and a few seconds");
        await UserUploadLimitsTests.Until(() => app.WithDbAsync(db => db.Documents.CountAsync(d => d.OwnerId == owner)), 0);
        Assert.Equal(keysBefore.Order(), (await app.ObjectKeysAsync()).Order());
    }
}
