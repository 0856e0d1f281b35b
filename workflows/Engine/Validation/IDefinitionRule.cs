using PublicServices.WorkflowEngine.Definitions;
using PublicServices.WorkflowEngine.Execution;

namespace PublicServices.WorkflowEngine.Validation;

/// <summary>
/// A module's rule over a whole flowchart (registered as a singleton), checked by <see cref="WorkflowValidator"/>
/// after the engine's own rules: what a single activity's <see cref="WorkflowActivity.Validate"/> cannot see, such as
/// what can happen on the paths leading to it.
/// </summary>
public interface IDefinitionRule
{
    /// <summary>The problems of <paramref name="chart"/> under this rule.</summary>
    IEnumerable<ValidationProblem> Validate(Flowchart chart, ActivityRegistry registry);
}
