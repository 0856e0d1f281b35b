using System.Text.Json.Nodes;
using PublicServices.WorkflowEngine.Definitions;
using PublicServices.WorkflowEngine.Stores;
using PublicServices.WorkflowEngine.Tests.Support;

namespace PublicServices.WorkflowEngine.Tests.Definitions;

/// <summary>Definition versions on PostgreSQL: draft, publish, new version, retract, export.</summary>
public class DefinitionStoreTests : IAsyncLifetime
{
    WorkflowHost host = null!;

    public async Task InitializeAsync() => host = await WorkflowHost.PostgresAsync("wf_store");

    public async Task DisposeAsync() => await host.DisposeAsync();

    static FlowBuilder Valid(string id) => new FlowBuilder(id).Start().Mark("s", 4).End().Chain("start", "s", "end");

    [Fact]
    public async Task A_draft_is_replaced_until_published_then_editing_makes_a_new_version()
    {
        var draft = await host.Store.SaveDraftAsync(Valid("versions").Build());
        var sameDraft = await host.Store.SaveDraftAsync(Valid("versions").Build());
        Assert.Equal((draft.Id, 1, false), (sameDraft.Id, sameDraft.Version, sameDraft.IsPublished));

        var published = await host.Store.PublishAsync("versions");
        Assert.Equal((PublishStatus.Published, true), (published.Status, published.Definition!.IsPublished));

        var second = await host.Store.SaveDraftAsync(Valid("versions").Build());
        Assert.Equal((2, true, false), (second.Version, second.IsLatest, second.IsPublished));
        var versions = await host.Store.VersionsAsync("versions");
        Assert.Equal([(2, true, false), (1, false, true)], versions.Select(v => (v.Version, v.IsLatest, v.IsPublished)));
        Assert.Equal(1, (await host.Store.GetPublishedAsync("versions"))!.Version);
        Assert.False((await host.Store.GetAsync("versions", 1))!.IsLatest);

        await host.Store.PublishAsync("versions");
        Assert.Equal([(2, true, true), (1, false, false)], (await host.Store.VersionsAsync("versions")).Select(v => (v.Version, v.IsLatest, v.IsPublished)));
        Assert.Contains(await host.Store.ListAsync(), d => d.DefinitionId == "versions" && d.Version == 2);
    }

    [Fact]
    public async Task An_invalid_definition_is_refused_with_its_problems_and_nothing_is_published()
    {
        await host.PublishAsync(Valid("guarded").Build());
        await host.Store.SaveDraftAsync(new FlowBuilder("guarded").Start().Task("t", "specialist", ["ok"]).Connect("start", "t").Build());

        var result = await host.Store.PublishAsync("guarded");

        Assert.Equal(PublishStatus.Invalid, result.Status);
        Assert.Contains(result.Problems!, p => p.ActivityId == "t");
        Assert.Equal(1, (await host.Store.GetPublishedAsync("guarded"))!.Version);
        Assert.Equal(PublishStatus.NotFound, (await host.Store.PublishAsync("nothing-here")).Status);
    }

    [Fact]
    public async Task A_stored_Elsa_export_exports_with_everything_it_had()
    {
        var original = WorkflowDefinition.Parse(ElsaJsonTests.ExportText);
        await host.Store.SaveDraftAsync(original);
        await host.Store.PublishAsync(original.DefinitionId);

        var exported = JsonNode.Parse((await host.Store.GetAsync(original.DefinitionId))!.ToJson())!.AsObject();

        // Only the version's identity is the store's; every other property comes back as it was imported.
        var expected = (JsonObject)original.Json.DeepClone();
        foreach (var key in new[] { "id", "version" }) expected[key] = exported[key]!.DeepClone();
        Assert.True(JsonNode.DeepEquals(expected, exported), exported.ToJsonString());
    }

    [Fact]
    public async Task Seeding_installs_default_definitions_once()
    {
        var review = Flows.Review("seeded");

        Assert.Equal(1, await host.Store.SeedAsync([review]));
        Assert.Equal(0, await host.Store.SeedAsync([review]));
        Assert.Equal(1, (await host.Store.GetPublishedAsync("seeded"))!.Version);
    }
}
