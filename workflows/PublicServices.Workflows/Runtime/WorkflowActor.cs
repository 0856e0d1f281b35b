namespace PublicServices.Workflows.Runtime;

/// <summary>Who causes a step: an officer (with agency and roles), the applicant, another service, or the system.</summary>
public sealed record WorkflowActor(string Id, string Name, string? AgencyCode = null, IReadOnlyCollection<string>? Roles = null)
{
    /// <summary>The runtime itself (timers, incident retries).</summary>
    public static readonly WorkflowActor System = new("system", "Hệ thống");

    /// <summary>True when the actor has <paramref name="role"/>.</summary>
    public bool HasRole(string role) => Roles?.Contains(role, StringComparer.Ordinal) == true;
}
