using Microsoft.Extensions.Options;
using PublicServices.Workflows.Activities;
using PublicServices.Workflows.Calendar;
using PublicServices.Workflows.Expressions;

namespace PublicServices.Workflows.Runtime;

/// <summary>The stateless parts every burst uses.</summary>
internal sealed class RuntimeServices(ActivityRegistry registry, ExpressionEvaluator evaluator, WorkingCalendar calendar,
    IOptions<WorkflowRuntimeOptions> options, TimeProvider time)
{
    public ActivityRegistry Registry { get; } = registry;
    public ExpressionEvaluator Evaluator { get; } = evaluator;
    public WorkingCalendar Calendar { get; } = calendar;
    public WorkflowRuntimeOptions Options { get; } = options.Value;
    public TimeProvider Time { get; } = time;
}
