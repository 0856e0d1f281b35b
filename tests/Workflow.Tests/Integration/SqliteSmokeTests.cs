using System.Net;
using Microsoft.EntityFrameworkCore;
using PublicServices.Workflow.Tests.Support;

namespace PublicServices.Workflow.Tests.Integration;

/// <summary>The embedded mode: the same service on SQLite, from installed definitions to a completed task.</summary>
public sealed class SqliteSmokeTests(SqliteWorkflowHost host) : IClassFixture<SqliteWorkflowHost>
{
    [Fact]
    public async Task The_service_starts_on_SQLite_runs_a_submission_and_takes_a_decision()
    {
        Assert.True(await host.Query(db => Task.FromResult(db.Database.IsSqlite())));
        var dossier = Guid.NewGuid();
        var instanceId = await host.SubmitAsync(dossier);
        using var desk = host.Officer("one_stop_desk");
        var receive = await desk.TaskOfAsync(dossier, "receive");
        await (await desk.CompleteAsync(receive["id"]!, "accept")).Json(HttpStatusCode.OK);
        await (await desk.CompleteAsync(receive["id"]!, "accept")).Problem(HttpStatusCode.Conflict);

        Assert.Equal([2, 4], await host.OutboxStatusesAsync(dossier));
        using var specialist = host.Officer("specialist");
        await specialist.TaskOfAsync(dossier, "appraise");
        using var admin = host.Admin();
        var journal = await (await admin.GetAsync($"/api/workflow/instances/{instanceId}/journal")).JsonArray(HttpStatusCode.OK);
        Assert.Contains(journal, j => (string?)j!["activityId"] == "receive" && (string?)j["event"] == "ActivityResumed");
        await Eventually.HoldsAsync(() => Task.FromResult(host.Dossiers.StatusesOf(dossier).Count == 2), "the status events are delivered");
    }
}
