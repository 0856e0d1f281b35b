using System.Globalization;
using System.Text.Json;
using PublicServices.WorkflowEngine.Tests.Support;
using static PublicServices.WorkflowEngine.Tests.Support.FlowBuilder;

namespace PublicServices.OneStop.Tests.Support;

/// <summary>The one-stop activities in test flowcharts.</summary>
public static class OneStopFlows
{
    /// <summary>A <c>PublicServices.HumanTask</c> for <paramref name="role"/> at <paramref name="agency"/> ("$dossier": the dossier's agency).</summary>
    public static FlowBuilder HumanTask(this FlowBuilder flow, string id, string role, string[] outcomes, decimal? budget = null, string agency = "$dossier") =>
        flow.Activity(id, "PublicServices.HumanTask",
            ("agency", Lit(agency, "String")), ("role", Lit(role, "String")), ("outcomes", Lit(JsonSerializer.Serialize(outcomes), "String[]")),
            ("budgetWorkingDays", budget is null ? null : Lit(budget.Value.ToString(CultureInfo.InvariantCulture), "Decimal")),
            ("title", Lit(JsonSerializer.Serialize(new { vi = "Việc " + id, en = "Task " + id }))));

    /// <summary>A <c>PublicServices.SetDossierStatus</c> reporting <paramref name="status"/>.</summary>
    public static FlowBuilder Status(this FlowBuilder flow, string id, int status, string? note = null) =>
        flow.Activity(id, "PublicServices.SetDossierStatus", ("status", Lit(status.ToString(CultureInfo.InvariantCulture), "Int32")),
            ("note", note is null ? null : Lit(note, "String")));
}
