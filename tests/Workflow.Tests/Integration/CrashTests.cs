using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PublicServices.Workflow.Data;
using PublicServices.Workflow.Tests.Support;
using PublicServices.WorkflowEngine.Persistence;

namespace PublicServices.Workflow.Tests.Integration;

/// <summary>
/// The built service as a real child process on PostgreSQL, killed with SIGKILL in the middle of starting and
/// running workflows, then started again: every instance finishes, and every status event exists exactly once.
/// </summary>
public sealed class CrashTests(Xunit.Abstractions.ITestOutputHelper log) : IAsyncLifetime
{
    readonly Stopwatch clock = Stopwatch.StartNew();
    void Step(string what) => log.WriteLine($"{clock.Elapsed.TotalSeconds:F1}s {what}");

    const int Dossiers = 80;

    TestTokenIssuer tokens = null!;
    Support.DossiersStandIn dossiersService = null!;
    PostgresDatabase database = null!;
    readonly List<ServiceProcess> processes = [];

    public async Task InitializeAsync()
    {
        tokens = await TestTokenIssuer.StartAsync();
        dossiersService = await Support.DossiersStandIn.StartAsync();
        database = await PostgresDatabase.CreateAsync("workflow_crash");
    }

    [Fact]
    public async Task A_service_killed_mid_run_finishes_every_instance_after_restart_with_every_effect_once()
    {
        var first = await StartServiceAsync();
        Step("started first");
        using (var admin = first.Client(tokens.Token("workflow", [new("sub", "admin"), new("role", "admin"), new("scope", "workflow")])))
        {
            // Three status steps separated by short timers: bursts of starts and timers are in flight at any moment.
            var flow = new Flow("crash-flow").Start().Status("received", 2).Delay("wait-1", "00:00:00.300").Status("processing", 4)
                .Delay("wait-2", "00:00:00.300").Status("processed", 9).Finish()
                .Chain("start", "received", "wait-1", "processing", "wait-2", "processed", "finish").Build(isPublished: true);
            await (await admin.PostAsJsonAsync("/api/workflow/definitions/import", flow)).Json(HttpStatusCode.Created);
        }

        var dossiers = Enumerable.Range(0, Dossiers).Select(_ => Guid.NewGuid()).ToList();
        var envelopes = dossiers.ToDictionary(d => d, d => Envelopes.DossierSubmitted(d, code: $"{Agencies.Centre}-CRASH-{d:N}", workflow: "crash-flow"));
        var accepted = new ConcurrentBag<Guid>();
        using var sender = first.Client(tokens.Service("workflow", "svc-dossiers"));
        var sending = Parallel.ForEachAsync(dossiers, new ParallelOptions { MaxDegreeOfParallelism = 6 }, async (dossier, _) =>
        {
            try
            {
                using var response = await sender.PostAsJsonAsync("/api/workflow/events", envelopes[dossier]);
                if (response.IsSuccessStatusCode) accepted.Add(dossier);
            }
            catch (HttpRequestException)
            {
                // The process died under the request: the producer will deliver it again.
            }
        });
        await Eventually.HoldsAsync(() => Task.FromResult(accepted.Count >= Dossiers / 3), "a third of the dossiers were accepted", 30_000);
        first.Kill();
        Step("killed");
        await sending;

        await using (var db = Db())
        {
            var unfinished = await db.Set<WorkflowInstance>().CountAsync(i => i.Status != WorkflowStatus.Finished);
            // Mid-run: instances were still running when the process died (on a busy machine every submission may have
            // been accepted by then, with their timers and status steps still to come).
            Assert.True(unfinished > 0,
                $"the kill came mid-run: {accepted.Count} of {Dossiers} accepted, {unfinished} instances unfinished");
        }

        // Restarted, the service takes every event again (at least once: the producer cannot know what committed).
        var second = await StartServiceAsync();
        Step("started second");
        using var again = second.Client(tokens.Service("workflow", "svc-dossiers"));
        await Parallel.ForEachAsync(dossiers, new ParallelOptions { MaxDegreeOfParallelism = 6 }, async (dossier, _) =>
        {
            using var response = await again.PostAsJsonAsync("/api/workflow/events", envelopes[dossier]);
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        });

        Step("resent all");
        await Eventually.HoldsAsync(async () =>
        {
            await using var db = Db();
            return await db.Set<WorkflowInstance>().CountAsync(i => i.Status == WorkflowStatus.Finished) == Dossiers;
        }, "every instance finished", 45_000);

        await using (var db = Db())
        {
            Assert.Equal(Dossiers, await db.Set<WorkflowInstance>().CountAsync());
            Step("all finished");
            var payloads = await db.Outbox.Where(o => o.Type == "DossierStatusChanged.v1").OrderBy(o => o.OccurredAt).ThenBy(o => o.Id)
                .Select(o => o.Payload).ToListAsync();
            var statuses = payloads.Select(p => JsonNode.Parse(p)!).GroupBy(p => Guid.Parse((string)p["dossierId"]!))
                .ToDictionary(g => g.Key, g => g.Select(p => (int)p["status"]!).ToList());
            Assert.Equal(dossiers.Order(), statuses.Keys.Order());
            Assert.All(statuses.Values, s => Assert.Equal([2, 4, 9], s));
            var journals = await db.Journal.GroupBy(j => j.InstanceId)
                .Select(g => new { Count = g.Count(), Max = g.Max(j => j.Seq), Finished = g.Count(j => j.Event == "WorkflowFinished") }).ToListAsync();
            Assert.All(journals, j => Assert.Equal((j.Max, 1), ((long)j.Count, j.Finished)));
            Assert.False(await db.Set<WorkflowTimer>().AnyAsync());
            Assert.False(await db.Set<Incident>().AnyAsync(i => i.ResolvedAt == null));
            Assert.Equal(Dossiers, await db.Inbox.CountAsync());
        }
    }

    WorkflowDb Db() => new(new DbContextOptionsBuilder<WorkflowDb>().UseNpgsql(database.ConnectionString).Options);

    async Task<ServiceProcess> StartServiceAsync()
    {
        var process = ServiceProcess.Start(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__workflow"] = database.ConnectionString,
            ["Auth__Issuer"] = TestTokenIssuer.Issuer,
            ["Auth__Authority"] = tokens.Authority,
            // Each DossierSubmitted is checked against the dossier the dossiers service stored.
            ["services__dossiers__http__0"] = dossiersService.Address,
            // Production refuses the demo secret; this one is never used (no dispatcher).
            ["Auth__ClientSecret"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Messaging__DispatcherEnabled"] = "false",
            ["Workflow__Runtime__PollInterval"] = "00:00:00.100",
            // A timer claimed by the killed process is free again soon after its lease.
            ["Workflow__Runtime__ClaimLease"] = "00:00:02",
            ["Logging__LogLevel__Default"] = "Warning",
        });
        processes.Add(process);
        await process.WaitUntilReadyAsync();
        return process;
    }

    public async Task DisposeAsync()
    {
        foreach (var process in processes) process.Dispose();
        await dossiersService.DisposeAsync();
        await tokens.DisposeAsync();
        await database.DisposeAsync();
    }
}
