using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.JsonWebTokens;
using PublicServices.Workflow.Tests.Support;
using PublicServices.WorkflowEngine.Persistence;

namespace PublicServices.Workflow.Tests.Integration;

/// <summary>
/// A DossierSubmitted starts a workflow only for a dossier the dossiers service stored with the same facts, and a
/// DossierWithdrawn cancels one only for a dossier stored as withdrawn: a made-up or altered event is refused for good
/// (poison) and changes nothing; an unreachable dossiers service means "retry".
/// </summary>
public sealed class SubmissionCheckTests(WorkflowHost host) : IClassFixture<WorkflowHost>
{
    async Task AssertNothingStartedAsync(Guid dossier, JsonObject envelope)
    {
        Assert.False(await host.Query(db => db.Instances.AnyAsync(i => i.CorrelationId == dossier.ToString())));
        var eventId = Guid.Parse((string)envelope["id"]!);
        Assert.False(await host.Query(db => db.Inbox.AnyAsync(r => r.EventId == eventId)));
        using var desk = host.Officer("one_stop_desk");
        Assert.DoesNotContain(await desk.InboxAsync("?pageSize=200"), t => (string?)t["correlationId"] == dossier.ToString());
    }

    [Fact]
    public async Task A_submission_for_a_dossier_that_was_never_stored_is_refused_for_good_and_starts_nothing()
    {
        var dossier = Guid.NewGuid();
        var phantom = Envelopes.DossierSubmitted(dossier, filed: false);
        using var sender = host.Service();

        var problem = await (await sender.PostAsJsonAsync("/api/workflow/events", phantom)).Problem(HttpStatusCode.NotFound);

        Assert.Equal(dossier.ToString(), (string?)problem["detail"]);
        await AssertNothingStartedAsync(dossier, phantom);
    }

    [Theory]
    [InlineData("code", "000.00.12.H10-261126-9999")]
    [InlineData("procedureCode", "1.000001")]
    [InlineData("procedureVersion", 7)]
    [InlineData("agencyCode", "000.20.01.H10")]
    [InlineData("applicantId", "citizen-2")]
    [InlineData("statutoryWorkingDays", 1)]
    [InlineData("workflowDefinitionId", "auto-approve")]
    public async Task A_submission_that_claims_otherwise_than_the_stored_dossier_is_refused_for_good_naming_the_field(string field, object claimed)
    {
        var dossier = Guid.NewGuid();
        var altered = Envelopes.DossierSubmitted(dossier, code: $"{Agencies.Centre}-261126-0001");
        altered["payload"]![field] = JsonValue.Create(claimed);
        using var sender = host.Service("svc-dossiers");

        var problem = await (await sender.PostAsJsonAsync("/api/workflow/events", altered)).Problem(HttpStatusCode.UnprocessableEntity);

        Assert.Equal([$"payload.{field}"], problem["fields"]!.AsArray().Select(f => (string)f!));
        await AssertNothingStartedAsync(dossier, altered);
    }

    [Fact]
    public async Task A_submission_waits_while_the_dossiers_service_cannot_be_asked_and_starts_once_it_answers()
    {
        var dossier = Guid.NewGuid();
        var submitted = Envelopes.DossierSubmitted(dossier);
        using var sender = host.Service();
        host.Dossiers.Down = true;
        try
        {
            // 503: the producer keeps the event and tries again (a 5xx is never poison).
            await (await sender.PostAsJsonAsync("/api/workflow/events", submitted)).Problem(HttpStatusCode.ServiceUnavailable);
            await AssertNothingStartedAsync(dossier, submitted);
        }
        finally
        {
            host.Dossiers.Down = false;
        }
        var started = await (await sender.PostAsJsonAsync("/api/workflow/events", submitted)).Json(HttpStatusCode.OK);
        Assert.Equal("started", (string?)started["outcome"]);
    }

    [Fact]
    public async Task A_withdrawal_of_a_dossier_not_stored_as_withdrawn_is_refused_for_good_and_cancels_nothing()
    {
        var dossier = Guid.NewGuid();
        var instanceId = await host.SubmitAsync(dossier);
        using var sender = host.Service();

        var forged = await (await sender.PostAsJsonAsync("/api/workflow/events", Envelopes.DossierWithdrawn(dossier, filed: false)))
            .Problem(HttpStatusCode.UnprocessableEntity);
        await (await sender.PostAsJsonAsync("/api/workflow/events", Envelopes.DossierWithdrawn(Guid.NewGuid(), filed: false)))
            .Problem(HttpStatusCode.NotFound);

        Assert.Equal(["payload.dossierId"], forged["fields"]!.AsArray().Select(f => (string)f!));
        using var desk = host.Officer("one_stop_desk");
        Assert.NotNull(await desk.TaskOfAsync(dossier, "receive"));
        Assert.NotEqual(WorkflowStatus.Cancelled, await host.Query(db => db.Instances.Where(i => i.Id == instanceId).Select(i => i.Status).SingleAsync()));
    }

    [Fact]
    public async Task The_workflow_asks_the_dossiers_service_with_its_own_client_token()
    {
        var dossier = Guid.NewGuid();
        await host.SubmitAsync(dossier);

        var (_, authorization) = Assert.Single(host.Dossiers.Lookups, l => l.DossierId == dossier);
        var token = new JsonWebToken(authorization!["Bearer ".Length..]);
        Assert.Equal("svc-workflow", token.GetClaim("client_id").Value);
        Assert.Contains("dossiers", token.Audiences);
    }
}
