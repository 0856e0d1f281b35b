using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PublicServices.Contracts.Dossiers;
using PublicServices.OneStop.Dossiers;
using PublicServices.Workflow.Tests.Support;
using PublicServices.WorkflowEngine.Persistence;

namespace PublicServices.Workflow.Tests.Integration;

/// <summary>A bookmark resumes exactly once, however many officers press the button at the same time.</summary>
public sealed class ConcurrencyTests(WorkflowHost host) : IClassFixture<WorkflowHost>
{
    const int Tasks = 100;
    const int RequestsPerTask = 10;

    [Fact]
    public async Task A_thousand_concurrent_completions_of_a_hundred_tasks_complete_each_once_and_leave_no_instance_stuck()
    {
        var dossiers = Enumerable.Range(0, Tasks).Select(_ => Guid.NewGuid()).ToList();
        await Parallel.ForEachAsync(dossiers, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (dossier, _) => await host.SubmitAsync(dossier, code: $"{Agencies.Centre}-RACE-{dossier:N}"));
        var taskIds = await host.Query(db => db.Tasks.Where(t => t.ActivityId == "receive" && t.Status == WorkflowTaskStatus.Open)
            .Select(t => t.Id).ToListAsync());
        Assert.Equal(Tasks, taskIds.Count);

        // Ten desk officers of the agency each try every task, all at once.
        var officers = Enumerable.Range(0, RequestsPerTask).Select(i => host.Officer("one_stop_desk", subject: $"desk-{i}")).ToList();
        var statuses = new ConcurrentBag<HttpStatusCode>();
        var requests = taskIds.SelectMany(id => officers.Select(officer => (id, officer))).OrderBy(_ => Random.Shared.Next()).ToList();
        await Task.WhenAll(requests.Select(async r =>
        {
            using var response = await r.officer.CompleteAsync(r.id.ToString(), "accept", "Tiếp nhận");
            statuses.Add(response.StatusCode);
        }));
        foreach (var officer in officers) officer.Dispose();

        Assert.Equal(Tasks, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(Tasks * (RequestsPerTask - 1), statuses.Count(s => s == HttpStatusCode.Conflict));
        Assert.Equal(Tasks * RequestsPerTask, statuses.Count);

        // Every instance moved on to the specialist, and reported "received" then "processing" exactly once.
        var instances = await host.Query(db => db.Instances.AsNoTracking().Where(i => EF.Functions.Like(i.Reference!, "%-RACE-%")).ToListAsync());
        Assert.Equal(Tasks, instances.Count);
        Assert.All(instances, i => Assert.Equal((WorkflowStatus.Suspended, DossierStatus.Processing),
            (i.Status, DossierProperties.Status(JsonNode.Parse(i.Properties)!.AsObject()))));
        var appraisals = await host.Query(db => db.Tasks.Where(t => t.ActivityId == "appraise" && t.Status == WorkflowTaskStatus.Open)
            .Select(t => t.InstanceId).ToListAsync());
        Assert.Equal(instances.Select(i => i.Id).Order(), appraisals.Order());
        var resumes = await host.Query(db => db.Journal.Where(j => j.ActivityId == "receive" && j.Event == "ActivityResumed")
            .GroupBy(j => j.InstanceId).Select(g => g.Count()).ToListAsync());
        Assert.Equal(Enumerable.Repeat(1, Tasks), resumes);
        var payloads = await host.Query(db => db.Outbox.Where(o => o.Type == "DossierStatusChanged.v1").Select(o => o.Payload).ToListAsync());
        var perDossier = payloads.Select(p => JsonNode.Parse(p)!).GroupBy(p => (string)p["dossierId"]!).ToList();
        Assert.Equal(Tasks, perDossier.Count);
        Assert.All(perDossier, g => Assert.Equal([2, 4], g.Select(p => (int)p["status"]!).Order()));
    }
}
