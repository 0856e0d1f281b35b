using System.Security.Claims;
using Microsoft.Extensions.Localization;
using PublicServices.ServiceDefaults;
using PublicServices.WorkflowEngine.Definitions;
using PublicServices.WorkflowEngine.Execution;

namespace PublicServices.Workflow.Domain;

/// <summary>Who is calling, as the runtime sees actors, and the policies of this service.</summary>
public static class Callers
{
    /// <summary>Agency administrators: definitions and instance management.</summary>
    public const string AdminPolicy = "workflow-admin";
    /// <summary>Officers of an agency: their inbox and tasks.</summary>
    public const string OfficerPolicy = "workflow-officer";
    /// <summary>The audience and scope of this service's API.</summary>
    public const string Scope = "workflow";

    /// <summary>The caller as a workflow actor: subject, display name, agency (the actor's unit) and roles from the token.</summary>
    public static WorkflowActor Actor(this ClaimsPrincipal user)
    {
        var id = user.SubjectId() ?? user.FindFirst(Claims.ClientId)?.Value ?? "unknown";
        var name = user.FindFirst(Claims.Name)?.Value is { Length: > 0 } n ? n : id;
        return new WorkflowActor(id, name, user.AgencyCode(), [.. user.FindAll(Claims.Role).Select(c => c.Value)]);
    }

    /// <summary>Definition problems as field errors keyed by activity id ("definition" for the whole), in the request's language.</summary>
    public static Dictionary<string, string[]> AsErrors(this IEnumerable<ValidationProblem> problems, IStringLocalizerFactory localizers) =>
        problems.GroupBy(p => string.IsNullOrEmpty(p.ActivityId) ? "definition" : p.ActivityId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Message(localizers)).Distinct(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
}
