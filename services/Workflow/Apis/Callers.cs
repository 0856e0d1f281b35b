using System.Security.Claims;
using PublicServices.ServiceDefaults;
using PublicServices.WorkflowEngine.Definitions;
using PublicServices.WorkflowEngine.Validation;
using PublicServices.WorkflowEngine.Stores;
using PublicServices.WorkflowEngine.Runtime;
using PublicServices.WorkflowEngine.Execution;

namespace PublicServices.Workflow.Apis;

/// <summary>Who is calling, as the runtime sees actors, and the policies of this service.</summary>
public static class Callers
{
    /// <summary>Agency administrators: definitions and instance management.</summary>
    public const string AdminPolicy = "workflow-admin";
    /// <summary>Officers of an agency: their inbox and tasks.</summary>
    public const string OfficerPolicy = "workflow-officer";
    /// <summary>The audience and scope of this service's API.</summary>
    public const string Scope = "workflow";

    /// <summary>The caller as a workflow actor: subject, display name, agency and roles from the token.</summary>
    public static WorkflowActor Actor(this ClaimsPrincipal user)
    {
        var id = user.SubjectId() ?? user.FindFirst(Claims.ClientId)?.Value ?? "unknown";
        var name = user.FindFirst(Claims.Name)?.Value is { Length: > 0 } n ? n : id;
        return new WorkflowActor(id, name, user.AgencyCode(), [.. user.FindAll(Claims.Role).Select(c => c.Value)]);
    }

    /// <summary>The language of the current request for runtime messages ("en" or "vi").</summary>
    public static string Language => Problems.IsEnglish ? "en" : "vi";

    /// <summary>Definition problems as field errors keyed by activity id ("definition" for the whole).</summary>
    public static Dictionary<string, string[]> AsErrors(this IEnumerable<ValidationProblem> problems) =>
        problems.GroupBy(p => string.IsNullOrEmpty(p.ActivityId) ? "definition" : p.ActivityId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Message(Language)).Distinct().ToArray(), StringComparer.Ordinal);
}
