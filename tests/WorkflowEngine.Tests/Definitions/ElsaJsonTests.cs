using System.Text.Json.Nodes;
using PublicServices.WorkflowEngine.Definitions;
using PublicServices.WorkflowEngine.Persistence;
using PublicServices.WorkflowEngine.Tests.Support;

namespace PublicServices.WorkflowEngine.Tests.Definitions;

public class ElsaJsonTests
{
    internal static string ExportText => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "elsa3-export.json"));

    [Fact]
    public void An_Elsa_3_export_loads_and_exports_with_everything_it_had()
    {
        var definition = WorkflowDefinition.Parse(ExportText);

        var exported = JsonNode.Parse(definition.ToJson());

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(ExportText), exported));
        Assert.Equal(("b8e2f0c1a3d54e6f", 3, true), (definition.DefinitionId, definition.Version, definition.IsPublished));
        Assert.Equal(8, definition.Root.Activities.Count);
        Assert.Equal(7, definition.Root.Connections.Count);
        Assert.Equal("Workflow1:9c1d2e3f4a5b6c7d:1b2c3d4e5f6a7b8c", (string?)definition.Root.Activities["1b2c3d4e5f6a7b8c"].Json["nodeId"]);
    }

    [Fact]
    public void An_Elsa_3_export_of_supported_activities_is_valid()
    {
        Assert.Empty(TestActivities.Validator().Validate(WorkflowDefinition.Parse(ExportText)));
    }

    [Theory]
    [InlineData(true, "2c3d4e5f6a7b8c9d")]
    [InlineData(false, "4e5f6a7b8c9d0e1f")]
    public void An_Elsa_3_export_runs_with_its_variables_and_expressions(bool urgent, string waitingActivity)
    {
        var h = new Harness(WorkflowDefinition.Parse(ExportText), input: new JsonObject { ["urgent"] = urgent });

        h.Start();

        Assert.Equal(WorkflowStatus.Suspended, h.Instance.Status);
        Assert.Equal(1, (int)h.Variables["Attempts"]!);
        Assert.Equal([waitingActivity], h.Waiting);
        if (!urgent)
        {
            h.Deliver("Approved");
            Assert.True((bool)h.Variables["Approved"]!);
            Assert.Equal(WorkflowStatus.Finished, h.Instance.Status);
        }
    }

    [Fact]
    public void Elsa_3_0_flat_connections_are_read_too()
    {
        var json = JsonNode.Parse(new FlowBuilder("flat").Start().End().Build().ToJson())!.AsObject();
        json["root"]!["connections"] = new JsonArray(new JsonObject { ["source"] = "start", ["sourcePort"] = "Done", ["target"] = "end", ["targetPort"] = "In" });

        var definition = WorkflowDefinition.Parse(json.ToJsonString());

        Assert.Equal(new Connection("start", "Done", "end", "In"), Assert.Single(definition.Root.Connections));
        Assert.Empty(TestActivities.Validator().Validate(definition));
    }

    [Fact]
    public void Json_that_is_not_an_object_is_refused()
    {
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => WorkflowDefinition.Parse("[1, 2]"));
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => WorkflowDefinition.Parse("{ not json"));
    }
}
