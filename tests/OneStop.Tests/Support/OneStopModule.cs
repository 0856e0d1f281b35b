using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PublicServices.OneStop.Calendar;
using PublicServices.OneStop.Dossiers;
using PublicServices.WorkflowEngine.Definitions;
using PublicServices.WorkflowEngine.Execution;
using PublicServices.WorkflowEngine.Tests.Support;
using PublicServices.WorkflowEngine.Validation;

namespace PublicServices.OneStop.Tests.Support;

/// <summary>
/// The one-stop module as <c>AddOneStopWorkflows()</c> registers it (default calendar), for tests without a database:
/// its activities, script globals and definition rules in the engine's in-memory harness and validator.
/// </summary>
internal static class OneStopModule
{
    static readonly ServiceProvider Services = new ServiceCollection().AddOneStopWorkflows().BuildServiceProvider();

    public static WorkingCalendar Calendar => Services.GetRequiredService<WorkingCalendar>();

    public static IReadOnlyList<WorkflowActivity> Activities { get; } = [.. Services.GetServices<WorkflowActivity>()];

    /// <summary>A validator that knows the engine's, the test and the module's activities and the module's rules.</summary>
    public static WorkflowValidator Validator() => new(TestActivities.Registry(Activities), Services.GetServices<IDefinitionRule>());

    /// <summary>A harness running <paramref name="definition"/> for a dossier of a procedure of <paramref name="statutoryDays"/> working days.</summary>
    public static Harness Harness(WorkflowDefinition definition, decimal? statutoryDays = 5, JsonObject? input = null) =>
        new(definition, input, Activities, globals: Services.GetServices<IWorkflowGlobal>(), properties: DossierProperties.Initial(statutoryDays));
}
