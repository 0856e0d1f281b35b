using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PublicServices.Workflow.Tests.Support;

namespace PublicServices.Workflow.Tests.Integration;

/// <summary>Every endpoint has an explicit rule, and a wrong caller is refused with problem+json.</summary>
public sealed class AuthorizationTests(WorkflowHost host) : IClassFixture<WorkflowHost>
{
    const string AnyId = "0b1f4c9e-6c1a-4f7e-9a51-3d2f8a7c6b10";

    public enum Who { Admin, Officer, Service }

    /// <summary>Every endpoint of the service and who may call it.</summary>
    public static readonly TheoryData<string, string, Who> Endpoints = new()
    {
        { "GET", "/api/workflow/definitions", Who.Admin },
        { "POST", "/api/workflow/definitions", Who.Admin },
        { "POST", "/api/workflow/definitions/import", Who.Admin },
        { "GET", "/api/workflow/definitions/one-stop-standard", Who.Admin },
        { "PUT", "/api/workflow/definitions/one-stop-standard", Who.Admin },
        { "POST", "/api/workflow/definitions/one-stop-standard/validate", Who.Admin },
        { "POST", "/api/workflow/definitions/one-stop-standard/publish", Who.Admin },
        { "POST", "/api/workflow/definitions/one-stop-standard/retract", Who.Admin },
        { "GET", "/api/workflow/definitions/one-stop-standard/versions", Who.Admin },
        { "GET", "/api/workflow/definitions/one-stop-standard/versions/1", Who.Admin },
        { "GET", "/api/workflow/definitions/one-stop-standard/export", Who.Admin },
        { "GET", "/api/workflow/instances", Who.Admin },
        { "GET", $"/api/workflow/instances/{AnyId}", Who.Admin },
        { "GET", $"/api/workflow/instances/{AnyId}/journal", Who.Admin },
        { "POST", $"/api/workflow/instances/{AnyId}/cancel", Who.Admin },
        { "POST", $"/api/workflow/instances/{AnyId}/retry", Who.Admin },
        { "GET", "/api/workflow/tasks", Who.Officer },
        { "GET", $"/api/workflow/tasks/{AnyId}", Who.Officer },
        { "POST", $"/api/workflow/tasks/{AnyId}/claim", Who.Officer },
        { "POST", $"/api/workflow/tasks/{AnyId}/release", Who.Officer },
        { "POST", $"/api/workflow/tasks/{AnyId}/complete", Who.Officer },
        { "POST", $"/api/workflow/tasks/{AnyId}/apology", Who.Officer },
        { "GET", "/api/workflow/audit/verify", Who.Admin },
        { "POST", "/api/workflow/events", Who.Service },
        { "POST", "/api/workflow/events/batch", Who.Service },
    };

    static HttpRequestMessage Request(string method, string path) => new(new HttpMethod(method), path)
    {
        Content = method is "POST" or "PUT" ? JsonContent.Create(new JsonObject()) : null,
    };

    [Theory, MemberData(nameof(Endpoints))]
    public async Task Without_a_token_every_endpoint_answers_401(string method, string path, Who _)
    {
        using var client = host.Client();
        using var response = await client.SendAsync(Request(method, path));
        await response.Problem(HttpStatusCode.Unauthorized);
    }

    [Theory, MemberData(nameof(Endpoints))]
    public async Task A_citizen_is_refused_everywhere(string method, string path, Who _)
    {
        using var client = host.Citizen();
        using var response = await client.SendAsync(Request(method, path));
        await response.Problem(HttpStatusCode.Forbidden);
    }

    [Theory, MemberData(nameof(Endpoints))]
    public async Task Only_the_intended_kind_of_caller_gets_past_authorization(string method, string path, Who allowed)
    {
        foreach (var who in Enum.GetValues<Who>().Where(w => w != allowed))
        {
            using var client = who switch
            {
                Who.Admin => host.Admin(),
                Who.Officer => host.Officer("leader"),
                _ => host.Service(),
            };
            using var response = await client.SendAsync(Request(method, path));
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{who} on {method} {path}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task The_OpenAPI_document_is_public_and_describes_the_api()
    {
        using var client = host.Client();
        var document = await (await client.GetAsync("/api/workflow/openapi/v1.json")).Json(HttpStatusCode.OK);
        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToHashSet();
        Assert.Superset(new HashSet<string>
        {
            "/api/workflow/definitions", "/api/workflow/definitions/import", "/api/workflow/definitions/{definitionId}",
            "/api/workflow/definitions/{definitionId}/publish", "/api/workflow/definitions/{definitionId}/versions/{version}",
            "/api/workflow/instances", "/api/workflow/instances/{id}/journal", "/api/workflow/tasks", "/api/workflow/tasks/{id}/complete",
            "/api/workflow/events",
        }, paths);
    }

    [Fact]
    public async Task A_token_for_another_service_or_with_a_forged_signature_is_401()
    {
        using var catalogToken = host.Client(host.Tokens.Token("catalog", [new("sub", "admin"), new("role", "admin"), new("scope", "catalog")]));
        await (await catalogToken.GetAsync("/api/workflow/definitions")).Problem(HttpStatusCode.Unauthorized);
        using var forged = host.Client(host.Tokens.Token(WorkflowHost.Audience, [new("sub", "admin"), new("role", "admin"), new("scope", "workflow")],
            forge: true));
        await (await forged.GetAsync("/api/workflow/definitions")).Problem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_admin_token_without_the_workflow_scope_is_refused()
    {
        using var client = host.Client(host.Tokens.Token(WorkflowHost.Audience, [new("sub", "admin"), new("role", "admin"), new("scope", "catalog")]));
        await (await client.GetAsync("/api/workflow/definitions")).Problem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_officer_without_an_agency_is_refused_the_inbox()
    {
        using var client = host.Client(host.Tokens.Token(WorkflowHost.Audience, [new("sub", "x"), new("role", "leader"), new("scope", "workflow")]));
        await (await client.GetAsync("/api/workflow/tasks")).Problem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_service_may_send_only_the_event_types_configured_for_its_client()
    {
        using var payments = host.Service("svc-payments");
        var response = await payments.PostAsJsonAsync("/api/workflow/events", Envelopes.DossierSubmitted(Guid.NewGuid()));
        await response.Problem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_officer_of_another_agency_or_role_cannot_see_claim_or_complete_a_task()
    {
        var dossier = Guid.NewGuid();
        await host.SubmitAsync(dossier);
        using var desk = host.Officer("one_stop_desk");
        var task = await desk.TaskOfAsync(dossier, "receive");
        var id = (string)task["id"]!;

        using var wardDesk = host.Officer("one_stop_desk", Agencies.Ward);
        using var specialist = host.Officer("specialist");
        foreach (var other in new[] { wardDesk, specialist })
        {
            Assert.DoesNotContain(await other.InboxAsync("?pageSize=200"), t => (string?)t["id"] == id);
            await (await other.GetAsync($"/api/workflow/tasks/{id}")).Problem(HttpStatusCode.Forbidden);
            await (await other.PostAsync($"/api/workflow/tasks/{id}/claim", null)).Problem(HttpStatusCode.Forbidden);
            await (await other.CompleteAsync(id, "accept")).Problem(HttpStatusCode.Forbidden);
            var apology = new { newDueAt = DateTimeOffset.UtcNow.AddDays(30), reason = "Xin lỗi" };
            await (await other.PostAsJsonAsync($"/api/workflow/tasks/{id}/apology", apology)).Problem(HttpStatusCode.Forbidden);
        }
        // Refusals changed nothing: the rightful officer still completes it.
        await (await desk.CompleteAsync(id, "accept")).Json(HttpStatusCode.OK);
    }
}
