using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PublicServices.Catalog.Tests.Support;
using PublicServices.ServiceDefaults.Audit;
using PublicServices.Testing;

namespace PublicServices.Catalog.Tests;

/// <summary>
/// The catalog's audit log: every change by an administrator is appended and sealed into a hash chain; the verify
/// endpoint and command name the first entry changed or removed in the database. Each test class has its own database.
/// </summary>
public sealed class AuditLogTests(CatalogApp app) : IClassFixture<CatalogApp>
{
    static int next = 500;
    static string NewCode() => $"9.{Interlocked.Increment(ref next):D6}";

    HttpClient Admin() => app.Client(app.AdminToken());

    async Task ChangeAsync(string code)
    {
        (await Admin().PutAsJsonAsync($"/api/catalog/procedures/{code}", new ProcedureBody().Build())).EnsureSuccessStatusCode();
        (await Admin().PostAsync($"/api/catalog/procedures/{code}/publish", null)).EnsureSuccessStatusCode();
        (await Admin().PostAsync($"/api/catalog/procedures/{code}/unpublish", null)).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task Procedure_changes_are_logged_with_the_admin_and_sealed_into_a_chain_that_verifies()
    {
        var code = NewCode();
        await ChangeAsync(code);

        var entries = (await AuditLog.SealedAsync(app, 3)).Where(e => e.Target == code).ToList();
        Assert.Equal(["procedure.created", "procedure.published", "procedure.unpublished"], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal("admin-1", e.Actor));
        Assert.Equal("""{"version":1}""", entries[0].Details);

        var verification = await AuditLog.VerifyAsync(app);
        Assert.True(verification.Valid);
        Assert.Equal(verification.HeadSeq, verification.Entries);
        Assert.Null(verification.FirstBadSeq);
    }

    [Fact]
    public async Task Only_an_administrator_may_verify_the_log()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client().GetAsync("/api/catalog/audit/verify")).StatusCode);
        var citizen = app.Issuer.Token("catalog", [new Claim("sub", "c-1"), new Claim("role", "citizen"), new Claim("scope", "catalog")]);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Client(citizen).GetAsync("/api/catalog/audit/verify")).StatusCode);
        var officer = app.Issuer.Token("catalog", [new Claim("sub", "o-1"), new Claim("role", "leader"), new Claim("agency", "000.00.12.H10"), new Claim("scope", "catalog")]);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Client(officer).GetAsync("/api/catalog/audit/verify")).StatusCode);
    }
}

/// <summary>Someone with the database's password edits the log; the verifier names the entry.</summary>
public sealed class AuditTamperingTests(CatalogApp app) : IClassFixture<CatalogApp>
{
    HttpClient Admin() => app.Client(app.AdminToken());
    Task<List<AuditEntry>> SealedAsync(int atLeast) => AuditLog.SealedAsync(app, atLeast);
    Task<AuditVerification> VerifyAsync() => AuditLog.VerifyAsync(app);

    async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(app.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task An_edited_a_rehashed_and_a_deleted_entry_are_each_named_by_the_endpoint_and_the_command()
    {
        for (var i = 0; i < 3; i++)
        {
            var code = $"9.{800 + i:D6}";
            (await Admin().PutAsJsonAsync($"/api/catalog/procedures/{code}", new ProcedureBody().Build())).EnsureSuccessStatusCode();
            (await Admin().PostAsync($"/api/catalog/procedures/{code}/publish", null)).EnsureSuccessStatusCode();
        }
        var entries = await SealedAsync(6);
        Assert.True((await VerifyAsync()).Valid);
        Assert.Equal(0, await CommandAsync());

        // Edited: the actor of entry 3 is changed to someone else.
        await ExecuteAsync("UPDATE audit_log SET actor = 'someone-else' WHERE seq = 3");
        var edited = await VerifyAsync();
        Assert.False(edited.Valid);
        Assert.Equal((3L, "changed"), (edited.FirstBadSeq, edited.Problem));
        Assert.Equal(1, await CommandAsync());
        await ExecuteAsync("UPDATE audit_log SET actor = 'admin-1' WHERE seq = 3");
        Assert.True((await VerifyAsync()).Valid);

        // Edited with its hash recomputed: the next entry's link gives it away.
        var fourth = entries.Single(e => e.Seq == 4);
        fourth.Actor = "someone-else";
        var forged = AuditChain.HashOf(fourth, 4, fourth.PreviousHash);
        await ExecuteAsync($"UPDATE audit_log SET actor = 'someone-else', hash = '{forged}' WHERE seq = 4");
        var rehashed = await VerifyAsync();
        Assert.Equal((4L, "changed"), (rehashed.FirstBadSeq, rehashed.Problem));
        await ExecuteAsync($"UPDATE audit_log SET actor = 'admin-1', hash = '{entries.Single(e => e.Seq == 4).Hash}' WHERE seq = 4");
        Assert.True((await VerifyAsync()).Valid);

        // Deleted: entry 2 is gone.
        await ExecuteAsync("DELETE FROM audit_log WHERE seq = 2");
        var deleted = await VerifyAsync();
        Assert.Equal((false, 2L, "removed"), (deleted.Valid, deleted.FirstBadSeq, deleted.Problem));
        Assert.Equal(1, await CommandAsync());
    }

    /// <summary>Runs <c>dotnet PublicServices.Catalog.dll audit-verify</c> on the test database; returns its exit code.</summary>
    async Task<int> CommandAsync()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "PublicServices.Catalog.dll");
        var start = new ProcessStartInfo("dotnet", [dll, AuditExtensions.VerifyCommand])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory,
            Environment =
            {
                ["Database__Provider"] = "Postgres",
                ["ConnectionStrings__catalog"] = app.Database.ConnectionString,
                ["Auth__Issuer"] = TestTokenIssuer.Issuer,
            },
        };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Contains("\"valid\"", output, StringComparison.Ordinal);
        return process.ExitCode;
    }
}

/// <summary>Reading the catalog's audit log in tests.</summary>
static class AuditLog
{
    /// <summary>The log once at least <paramref name="atLeast"/> entries are there and all are sealed, in chain order.</summary>
    public static async Task<List<AuditEntry>> SealedAsync(CatalogApp app, int atLeast)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var entries = await app.WithDb(db => db.Set<AuditEntry>().AsNoTracking().OrderBy(e => e.Seq).ToListAsync());
            if (entries.Count >= atLeast && entries.All(e => e.Seq is not null)) return entries;
            if (deadline.Elapsed > TimeSpan.FromSeconds(15)) throw new TimeoutException($"{entries.Count} entries, some not sealed");
            await Task.Delay(100);
        }
    }

    /// <summary>The verify endpoint's answer, asked by an administrator.</summary>
    public static async Task<AuditVerification> VerifyAsync(CatalogApp app)
    {
        using var response = await app.Client(app.AdminToken()).GetAsync("/api/catalog/audit/verify");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<AuditVerification>(JsonSerializerOptions.Web))!;
    }
}
