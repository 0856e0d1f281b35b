using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PublicServices.Workflow.Data;
using PublicServices.Workflow.Tests.Support;

namespace PublicServices.Workflow.Tests.Integration;

/// <summary>Definitions the Elsa way: drafts, validation, publish, retract, versions, export and import.</summary>
public sealed class DefinitionsTests(WorkflowHost host) : IClassFixture<WorkflowHost>
{
    const string Base = "/api/workflow/definitions";

    [Fact]
    public async Task The_standard_one_stop_definition_is_installed_and_published_on_start()
    {
        using var admin = host.Admin();
        var list = await (await admin.GetAsync(Base)).JsonArray(HttpStatusCode.OK);
        var standard = list.Single(d => (string?)d!["definitionId"] == "one-stop-standard")!;
        Assert.True((bool)standard["isPublished"]!);
        Assert.Equal(1, (int)standard["version"]!);
    }

    [Fact]
    public async Task Installing_the_defaults_from_two_replicas_at_once_stores_one_version()
    {
        // No test of this class starts an instance of the standard definition, so it can be removed and reinstalled.
        await host.Query(db => db.Definitions.Where(d => d.DefinitionId == "one-stop-standard").ExecuteDeleteAsync());
        await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            await using var scope = host.Services.CreateAsyncScope();
            await DefaultDefinitions.InstallAsync(scope.ServiceProvider);
        }));
        var versions = await host.Query(db => db.Definitions.Where(d => d.DefinitionId == "one-stop-standard").ToListAsync());
        var only = Assert.Single(versions);
        Assert.True(only.IsPublished);
    }

    [Fact]
    public async Task A_draft_is_created_validated_published_revised_and_retracted_and_running_instances_keep_their_version()
    {
        using var admin = host.Admin();

        var created = await admin.PostAsJsonAsync(Base, Flow.Simple("lifecycle"));
        var draft = await created.Json(HttpStatusCode.Created);
        Assert.Equal("/api/workflow/definitions/lifecycle", created.Headers.Location?.OriginalString);
        Assert.Equal(1, (int)draft["version"]!);
        Assert.False((bool)draft["isPublished"]!);
        var report = await (await admin.PostAsync($"{Base}/lifecycle/validate", null)).Json(HttpStatusCode.OK);
        Assert.True((bool)report["valid"]!);

        // A draft does not start anything yet: the submission is retried later by its producer.
        using var dossiers = host.Service();
        var early = await dossiers.PostAsJsonAsync("/api/workflow/events", Envelopes.DossierSubmitted(Guid.NewGuid(), workflow: "lifecycle"));
        await early.Problem(HttpStatusCode.ServiceUnavailable);

        var published = await (await admin.PostAsync($"{Base}/lifecycle/publish", null)).Json(HttpStatusCode.OK);
        Assert.True((bool)published["isPublished"]!);
        var first = await host.SubmitAsync(Guid.NewGuid(), workflow: "lifecycle");

        var revised = Flow.Simple("lifecycle");
        revised["name"] = "Quy trình sửa đổi";
        var v2 = await (await admin.PutAsJsonAsync($"{Base}/lifecycle", revised)).Json(HttpStatusCode.OK);
        Assert.Equal(2, (int)v2["version"]!);
        Assert.False((bool)v2["isPublished"]!);
        var versions = await (await admin.GetAsync($"{Base}/lifecycle/versions")).JsonArray(HttpStatusCode.OK);
        Assert.Equal([(2, false), (1, true)], versions.Select(v => ((int)v!["version"]!, (bool)v["isPublished"]!)));
        Assert.Equal("Quy trình sửa đổi", (string?)(await (await admin.GetAsync($"{Base}/lifecycle")).Json(HttpStatusCode.OK))["name"]);
        Assert.Equal("Quy trình lifecycle", (string?)(await (await admin.GetAsync($"{Base}/lifecycle/versions/1")).Json(HttpStatusCode.OK))["name"]);

        await (await admin.PostAsync($"{Base}/lifecycle/publish", null)).Json(HttpStatusCode.OK);
        var second = await host.SubmitAsync(Guid.NewGuid(), workflow: "lifecycle");
        var retracted = await (await admin.PostAsync($"{Base}/lifecycle/retract", null)).Json(HttpStatusCode.OK);
        Assert.False((bool)retracted["isPublished"]!);
        await (await admin.PostAsync($"{Base}/lifecycle/retract", null)).Problem(HttpStatusCode.Conflict);
        var late = await dossiers.PostAsJsonAsync("/api/workflow/events", Envelopes.DossierSubmitted(Guid.NewGuid(), workflow: "lifecycle"));
        await late.Problem(HttpStatusCode.ServiceUnavailable);

        var firstInstance = await (await admin.GetAsync($"/api/workflow/instances/{first}")).Json(HttpStatusCode.OK);
        var secondInstance = await (await admin.GetAsync($"/api/workflow/instances/{second}")).Json(HttpStatusCode.OK);
        Assert.Equal(1, (int)firstInstance["instance"]!["definitionVersion"]!);
        Assert.Equal(2, (int)secondInstance["instance"]!["definitionVersion"]!);
        Assert.Equal("suspended", (string?)firstInstance["instance"]!["status"]);
    }

    [Fact]
    public async Task An_invalid_definition_is_refused_with_problems_keyed_by_activity_and_nothing_is_saved()
    {
        var invalid = new Flow("broken").Start().Task("review", "", "ok").Activity("orphan", "PublicServices.SetDossierStatus",
                ("status", Flow.Lit("4", "Int32"))).Finish()
            .Connect("start", "review").Connect("review", "finish", "ok").Connect("review", "finish", "no-such-port").Connect("orphan", "finish").Build();
        using var admin = host.Admin();
        using var english = host.Admin("en");

        var vi = await (await admin.PostAsJsonAsync(Base, invalid)).FieldErrors();
        Assert.Contains("review", vi.Keys);
        Assert.Contains("orphan", vi.Keys);
        var en = await (await english.PostAsJsonAsync(Base, invalid)).FieldErrors();
        Assert.Contains(en["review"], m => m.Contains("role", StringComparison.OrdinalIgnoreCase));
        Assert.NotEqual(vi["review"], en["review"]);
        await (await admin.PostAsJsonAsync($"{Base}/import", invalid)).FieldErrors();

        await (await admin.GetAsync($"{Base}/broken")).Problem(HttpStatusCode.NotFound);
        Assert.False(await host.Query(db => db.Definitions.AnyAsync(d => d.DefinitionId == "broken")));

        // An invalid revision of a published definition leaves its versions as they were.
        await (await admin.PostAsJsonAsync($"{Base}/import", Flow.Simple("guarded", isPublished: true))).Json(HttpStatusCode.Created);
        invalid["definitionId"] = "guarded";
        var errors = await (await admin.PutAsJsonAsync($"{Base}/guarded", invalid)).FieldErrors();
        Assert.Contains("review", errors.Keys);
        var versions = await (await admin.GetAsync($"{Base}/guarded/versions")).JsonArray(HttpStatusCode.OK);
        Assert.Equal([1], versions.Select(v => (int)v!["version"]!));

        // Validation on request reports without saving.
        var report = await (await admin.PostAsJsonAsync($"{Base}/guarded/validate", invalid)).Json(HttpStatusCode.OK);
        Assert.False((bool)report["valid"]!);
        Assert.Contains("review", report["errors"]!.AsObject().Select(e => e.Key));
    }

    [Fact]
    public async Task Malformed_bodies_and_taken_ids_are_refused()
    {
        using var admin = host.Admin();
        var notJson = await admin.PostAsync(Base, new StringContent("{ not json", Encoding.UTF8, "application/json"));
        Assert.Contains("body", (await notJson.FieldErrors()).Keys);
        var array = await admin.PostAsync(Base, new StringContent("[]", Encoding.UTF8, "application/json"));
        Assert.Contains("body", (await array.FieldErrors()).Keys);
        var badId = Flow.Simple("bad id/with slash");
        Assert.Contains("definitionId", (await (await admin.PostAsJsonAsync(Base, badId)).FieldErrors()).Keys);
        var other = Flow.Simple("some-other");
        Assert.Contains("definitionId", (await (await admin.PutAsJsonAsync($"{Base}/one-stop-standard", other)).FieldErrors()).Keys);
        await (await admin.PostAsJsonAsync(Base, Flow.Simple("one-stop-standard"))).Problem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task An_Elsa_export_imports_and_exports_back_with_everything_it_had()
    {
        using var admin = host.Admin();
        var original = Flow.Simple("round-trip", isPublished: true);
        var imported = await (await admin.PostAsJsonAsync($"{Base}/import", original)).Json(HttpStatusCode.Created);
        Assert.True((bool)imported["isPublished"]!);

        var export = await admin.GetAsync($"{Base}/round-trip/export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/json", export.Content.Headers.ContentType?.MediaType);
        Assert.Equal("round-trip-v1.json", export.Content.Headers.ContentDisposition?.FileNameStar ?? export.Content.Headers.ContentDisposition?.FileName);
        var exported = JsonNode.Parse(await export.Content.ReadAsStringAsync())!.AsObject();
        Assert.True(JsonNode.DeepEquals(original["root"], exported["root"]), "the flowchart, designer metadata included, is unchanged");
        foreach (var key in new[] { "definitionId", "name", "description", "toolVersion", "customProperties", "options", "createdAt", "isPublished" })
            Assert.True(JsonNode.DeepEquals(original[key], exported[key]), key);

        // Importing the export again makes a new published version with the same content.
        var again = await (await admin.PostAsJsonAsync($"{Base}/import", exported)).Json(HttpStatusCode.OK);
        Assert.Equal(2, (int)again["version"]!);
        Assert.True((bool)again["isPublished"]!);
        var v2 = JsonNode.Parse(await (await admin.GetAsync($"{Base}/round-trip/export?version=2")).Content.ReadAsStringAsync())!;
        Assert.True(JsonNode.DeepEquals(original["root"], v2["root"]));
        var v1 = await (await admin.GetAsync($"{Base}/round-trip/versions/1")).Json(HttpStatusCode.OK);
        Assert.False((bool)v1["isPublished"]!);
    }

    [Theory]
    [InlineData("GET", Base + "/nope")]
    [InlineData("PUT", Base + "/nope")]
    [InlineData("POST", Base + "/nope/validate")]
    [InlineData("POST", Base + "/nope/publish")]
    [InlineData("POST", Base + "/nope/retract")]
    [InlineData("GET", Base + "/nope/versions")]
    [InlineData("GET", Base + "/nope/export")]
    [InlineData("GET", Base + "/one-stop-standard/versions/99")]
    [InlineData("GET", Base + "/one-stop-standard/export?version=99")]
    [InlineData("GET", "/api/workflow/instances/4f1e0a52-88a5-4c55-bc7e-1b7f6b0b9d01")]
    [InlineData("GET", "/api/workflow/instances/4f1e0a52-88a5-4c55-bc7e-1b7f6b0b9d01/journal")]
    [InlineData("POST", "/api/workflow/instances/4f1e0a52-88a5-4c55-bc7e-1b7f6b0b9d01/cancel")]
    [InlineData("POST", "/api/workflow/instances/4f1e0a52-88a5-4c55-bc7e-1b7f6b0b9d01/retry")]
    public async Task Unknown_definitions_versions_and_instances_are_404(string method, string path)
    {
        using var admin = host.Admin();
        using var request = new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = method == "PUT" ? JsonContent.Create(Flow.Simple("nope")) : null,
        };
        await (await admin.SendAsync(request)).Problem(HttpStatusCode.NotFound);
    }
}
