using Microsoft.Extensions.Options;
using PublicServices.WorkflowEngine.Expressions;

namespace PublicServices.WorkflowEngine.Execution;

/// <summary>The stateless parts every burst uses.</summary>
internal sealed class ExecutionServices(ActivityRegistry registry, ExpressionEvaluator evaluator, IEnumerable<IWorkflowGlobal> globals,
    IOptions<WorkflowRuntimeOptions> options, TimeProvider time)
{
    public ActivityRegistry Registry { get; } = registry;
    public ExpressionEvaluator Evaluator { get; } = evaluator;
    /// <summary>Globals of modules on top of the engine, by name (a later one with the same name wins).</summary>
    public IReadOnlyDictionary<string, IWorkflowGlobal> Globals { get; } =
        globals.GroupBy(g => g.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
    public WorkflowRuntimeOptions Options { get; } = options.Value;
    public TimeProvider Time { get; } = time;
}
