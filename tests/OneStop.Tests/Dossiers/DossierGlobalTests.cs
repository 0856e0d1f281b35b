using System.Text.Json.Nodes;
using PublicServices.OneStop.Tests.Support;
using PublicServices.WorkflowEngine.Tests.Support;
using static PublicServices.WorkflowEngine.Tests.Support.FlowBuilder;

namespace PublicServices.OneStop.Tests.Dossiers;

/// <summary>The script global <c>dossier</c>: what the instance knows of its dossier, as of the step that reads it.</summary>
public class DossierGlobalTests
{
    static FlowBuilder Keep(FlowBuilder flow, string id, string script) =>
        flow.Activity(id, "Elsa.SetVariable", ("variable", id), ("value", Js(script)));

    [Fact]
    public void Scripts_read_the_dossier_its_status_limit_and_due_date_as_the_steps_change_them()
    {
        var flow = Keep(new FlowBuilder("t").Start(), "before", "dossier").Status("received", 2);
        flow = Keep(Keep(flow, "after", "dossier"), "budget", "(dossier.statutoryWorkingDays || 3) / 2")
            .Activity("transfer", "PublicServices.TransferAgency", ("agencyCode", Lit(Actors.Ward, "String")));
        var h = OneStopModule.Harness(Keep(flow, "moved", "dossier.agencyCode").End()
            .Chain("start", "before", "received", "after", "budget", "transfer", "moved", "end").Build(), statutoryDays: 5);

        h.Start();

        var before = h.Variables["before"]!.AsObject();
        Assert.Equal(("dossier-1", "000.00.12.H10-261125-0001", Actors.Centre), ((string?)before["id"], (string?)before["code"], (string?)before["agencyCode"]));
        Assert.Equal(5m, (decimal)before["statutoryWorkingDays"]!);
        Assert.Null(before["status"]);
        Assert.Null(before["dueAt"]);
        var after = h.Variables["after"]!.AsObject();
        Assert.Equal(2, (int)after["status"]!);
        Assert.Equal(h.Instance.DueAt, DateTimeOffset.Parse((string)after["dueAt"]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(2.5m, (decimal)h.Variables["budget"]!);
        Assert.Equal(Actors.Ward, (string?)h.Variables["moved"]);
    }

    [Fact]
    public void A_dossier_of_a_procedure_without_a_statutory_limit_has_none()
    {
        var h = OneStopModule.Harness(Keep(new FlowBuilder("t").Start(), "budget", "(dossier.statutoryWorkingDays || 3) / 2").End()
            .Chain("start", "budget", "end").Build(), statutoryDays: null, input: new JsonObject());

        h.Start();

        Assert.Equal(1.5m, (decimal)h.Variables["budget"]!);
    }
}
