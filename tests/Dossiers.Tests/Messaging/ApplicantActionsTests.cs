using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PublicServices.Contracts.Events;
using PublicServices.Dossiers.Tests.StandIns;
using PublicServices.Testing;

namespace PublicServices.Dossiers.Tests.Messaging;

/// <summary>POST /api/dossiers/{id}/withdrawal and /rating: the applicant withdraws an open dossier and rates a finished one.</summary>
public sealed class ApplicantActionsTests(DossiersHost host) : IClassFixture<DossiersHost>
{
    const string Owner = "citizen-actions-a";
    const string Other = "citizen-actions-b";

    async Task<Guid> SubmittedAsync() => Guid.Parse((string)(await host.SubmitAsync(Owner))["id"]!);

    async Task MoveAsync(Guid id, params int[] statuses)
    {
        using var workflow = host.Workflow();
        foreach (var status in statuses)
            Assert.Equal(HttpStatusCode.OK, (await new StatusChange(id, status).SendAsync(workflow)).StatusCode);
    }

    Task<List<PublicServices.ServiceDefaults.Messaging.OutboxMessage>> WithdrawalsAsync(Guid dossierId) => host.Query(db => db.Outbox
        .Where(o => o.Type == DossierWithdrawnV1.Type && o.Payload.Contains(dossierId.ToString())).ToListAsync());

    [Fact]
    public async Task The_owner_withdraws_an_open_dossier_once_and_a_retry_changes_nothing()
    {
        var id = await SubmittedAsync();
        await MoveAsync(id, 2, 4);
        using var owner = host.Citizen(Owner);

        var dossier = await (await owner.PostAsJsonAsync($"/api/dossiers/{id}/withdrawal", new { reason = "Tôi đã nộp nhầm thủ tục" })).Json(HttpStatusCode.OK);
        Assert.Equal(7, (int)dossier["status"]!["code"]!);
        var last = dossier["timeline"]!.AsArray()[^1]!;
        Assert.Equal(7, (int)last["status"]!["code"]!);
        Assert.Equal("Tôi đã nộp nhầm thủ tục", (string)last["reason"]!);
        var again = await (await owner.PostAsJsonAsync($"/api/dossiers/{id}/withdrawal", new { reason = "Tôi đã nộp nhầm thủ tục" })).Json(HttpStatusCode.OK);
        Assert.Equal(dossier["timeline"]!.AsArray().Count, again["timeline"]!.AsArray().Count);

        var withdrawn = Assert.Single(await WithdrawalsAsync(id));
        var payload = JsonDocument.Parse(withdrawn.Payload).RootElement;
        Assert.Equal(id, payload.GetProperty("dossierId").GetGuid());
        Assert.Equal("Tôi đã nộp nhầm thủ tục", payload.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_withdrawal_without_reason_is_400_after_the_result_409_of_another_404_and_nothing_is_written()
    {
        var id = await SubmittedAsync();
        using var owner = host.Citizen(Owner);
        var missing = await (await owner.PostAsJsonAsync($"/api/dossiers/{id}/withdrawal", new { reason = "  " })).Problem(HttpStatusCode.BadRequest);
        Assert.True(missing["errors"]!.AsObject().ContainsKey("reason"));
        using var other = host.Citizen(Other);
        await (await other.PostAsJsonAsync($"/api/dossiers/{id}/withdrawal", new { reason = "x" })).Problem(HttpStatusCode.NotFound);
        using var officer = host.Officer(Procedures.WardAgency);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsJsonAsync($"/api/dossiers/{id}/withdrawal", new { reason = "x" })).StatusCode);

        await MoveAsync(id, 2, 4, 9, 10);
        await (await owner.PostAsJsonAsync($"/api/dossiers/{id}/withdrawal", new { reason = "Muộn quá" })).Problem(HttpStatusCode.Conflict);
        Assert.Empty(await WithdrawalsAsync(id));
        var dossier = await (await owner.GetAsync($"/api/dossiers/{id}")).Json(HttpStatusCode.OK);
        Assert.Equal(10, (int)dossier["status"]!["code"]!);
    }

    [Fact]
    public async Task The_owner_rates_a_finished_dossier_from_1_to_5_and_may_change_the_rating()
    {
        var id = await SubmittedAsync();
        using var owner = host.Citizen(Owner);
        await (await owner.PostAsJsonAsync($"/api/dossiers/{id}/rating", new { score = 5 })).Problem(HttpStatusCode.Conflict);

        await MoveAsync(id, 2, 4, 9, 10);
        var zero = await (await owner.PostAsJsonAsync($"/api/dossiers/{id}/rating", new { score = 0 })).Problem(HttpStatusCode.BadRequest);
        Assert.True(zero["errors"]!.AsObject().ContainsKey("score"));
        using var other = host.Citizen(Other);
        await (await other.PostAsJsonAsync($"/api/dossiers/{id}/rating", new { score = 1 })).Problem(HttpStatusCode.NotFound);

        await (await owner.PostAsJsonAsync($"/api/dossiers/{id}/rating", new { score = 2 })).Json(HttpStatusCode.OK);
        var rated = await (await owner.PostAsJsonAsync($"/api/dossiers/{id}/rating", new JsonObject { ["score"] = 4, ["comment"] = "Nhanh, đúng hẹn" }))
            .Json(HttpStatusCode.OK);
        Assert.Equal(4, (int)rated["rating"]!["score"]!);
        Assert.Equal("Nhanh, đúng hẹn", (string)rated["rating"]!["comment"]!);
    }

    [Fact]
    public async Task A_withdrawn_dossier_cannot_be_rated()
    {
        var id = await SubmittedAsync();
        using var owner = host.Citizen(Owner);
        await (await owner.PostAsJsonAsync($"/api/dossiers/{id}/withdrawal", new { reason = "Không cần nữa" })).Json(HttpStatusCode.OK);
        await (await owner.PostAsJsonAsync($"/api/dossiers/{id}/rating", new { score = 3 })).Problem(HttpStatusCode.Conflict);
    }
}
