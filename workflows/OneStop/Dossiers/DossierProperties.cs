using System.Text.Json;
using System.Text.Json.Nodes;
using PublicServices.Contracts.Dossiers;
using PublicServices.WorkflowEngine.Execution;
using PublicServices.WorkflowEngine.Json;

namespace PublicServices.OneStop.Dossiers;

/// <summary>
/// What the one-stop module keeps on a workflow instance, as the instance's properties: the national status it last
/// reported, the procedure's statutory limit, and the statutory clock once the dossier was received. The instance's
/// correlation id is the dossier id, its reference the dossier code, its unit the agency handling it; its deadline is
/// the clock's due date while the clock runs.
/// </summary>
public static class DossierProperties
{
    const string StatusProperty = "dossierStatus";
    const string StatutoryDaysProperty = "statutoryWorkingDays";
    const string ClockProperty = "clock";

    /// <summary>The first properties of a dossier's instance.</summary>
    public static JsonObject Initial(decimal? statutoryWorkingDays) =>
        statutoryWorkingDays is { } days ? new JsonObject { [StatutoryDaysProperty] = days } : [];

    /// <summary>The status the workflow last reported; <see cref="DossierStatusMachine.Initial"/> before any.</summary>
    public static DossierStatus Status(this IInstanceData instance) =>
        ValueConvert.ToDecimal(instance.GetProperty(StatusProperty)) is { } s ? (DossierStatus)(int)s : DossierStatusMachine.Initial;

    /// <summary>True once the workflow has reported a status.</summary>
    public static bool HasReportedStatus(this IInstanceData instance) => instance.GetProperty(StatusProperty) is not null;

    /// <summary>Records the status the workflow reports.</summary>
    public static void SetStatus(this IInstanceData instance, DossierStatus status) => instance.SetProperty(StatusProperty, (int)status);

    /// <summary>The procedure's statutory limit in working days, when known.</summary>
    public static decimal? StatutoryWorkingDays(this IInstanceData instance) => ValueConvert.ToDecimal(instance.GetProperty(StatutoryDaysProperty));

    /// <summary>The statutory clock, once the dossier was received.</summary>
    public static DossierClock? Clock(this IInstanceData instance) => Clock(instance.GetProperty(ClockProperty));

    /// <summary>The statutory clock kept in an instance's properties (as the instance list shows them).</summary>
    public static DossierClock? Clock(JsonObject properties) => Clock(properties[ClockProperty]);

    /// <summary>The national status kept in an instance's properties, or null before the workflow reported one.</summary>
    public static DossierStatus? Status(JsonObject properties) =>
        ValueConvert.ToDecimal(properties[StatusProperty]) is { } s ? (DossierStatus)(int)s : null;

    /// <summary>The statutory limit kept in an instance's properties.</summary>
    public static decimal? StatutoryWorkingDays(JsonObject properties) => ValueConvert.ToDecimal(properties[StatutoryDaysProperty]);

    static DossierClock? Clock(JsonNode? node) => node is JsonObject o ? o.Deserialize<DossierClock>(WorkflowJson.Options) : null;

    /// <summary>Replaces the clock; the instance's deadline follows it (none while a supplement stops it).</summary>
    public static void SetClock(this IInstanceData instance, DossierClock clock)
    {
        instance.SetProperty(ClockProperty, JsonSerializer.SerializeToNode(clock, WorkflowJson.Options));
        instance.SetDueAt(clock.IsPaused ? null : clock.DueAt);
    }
}
