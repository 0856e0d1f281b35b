using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PublicServices.ServiceDefaults.Audit;
using PublicServices.Workflow.Tests.Support;

namespace PublicServices.Workflow.Tests.Integration;

/// <summary>Officers' decisions and administrators' definition and instance actions land in the workflow's audit log.</summary>
public sealed class AuditTrailTests(WorkflowHost host) : IClassFixture<WorkflowHost>
{
    [Fact]
    public async Task An_officers_decision_and_an_admins_publication_are_logged_sealed_and_verified()
    {
        var dossier = Guid.NewGuid();
        await host.SubmitAsync(dossier);
        using var desk = host.Officer("one_stop_desk", subject: "desk-officer-7");
        var receive = await desk.TaskOfAsync(dossier, "receive");
        await (await desk.CompleteAsync(receive["id"]!, "accept", "Hồ sơ đủ thành phần")).Json(HttpStatusCode.OK);
        // A refused action (the task is done already) is not an action: it is not logged.
        Assert.Equal(HttpStatusCode.Conflict, (await desk.CompleteAsync(receive["id"]!, "accept")).StatusCode);
        using var admin = host.Admin();
        (await admin.PostAsync("/api/workflow/definitions/one-stop-standard/publish", null)).EnsureSuccessStatusCode();

        List<AuditEntry> entries = [];
        await Eventually.HoldsAsync(async () =>
        {
            entries = await host.Query(db => db.Set<AuditEntry>().AsNoTracking().OrderBy(e => e.Seq).ToListAsync());
            return entries.Count >= 2 && entries.All(e => e.Seq is not null);
        }, "two entries are sealed");

        var decision = Assert.Single(entries, e => e.Action == "task.completed");
        Assert.Equal(("desk-officer-7", "Cán bộ one_stop_desk", (string)receive["id"]!), (decision.Actor, decision.ActorName, decision.Target));
        var details = JsonNode.Parse(decision.Details!)!;
        Assert.Equal(("accept", "Hồ sơ đủ thành phần"), ((string?)details["outcome"], (string?)details["comment"]));
        var publication = Assert.Single(entries, e => e.Action == "definition.published");
        Assert.Equal(("admin", "one-stop-standard"), (publication.Actor, publication.Target));

        var verification = (await (await admin.GetAsync("/api/workflow/audit/verify")).Content.ReadFromJsonAsync<AuditVerification>(JsonSerializerOptions.Web))!;
        Assert.True(verification.Valid);
        Assert.Equal(entries.Count, verification.Entries);
    }
}
