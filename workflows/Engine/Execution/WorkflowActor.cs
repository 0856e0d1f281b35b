namespace PublicServices.WorkflowEngine.Execution;

/// <summary>Who causes a step: a person (with the unit they work in and their roles), another service, or the runtime itself.</summary>
public sealed record WorkflowActor(string Id, string Name, string? Unit = null, IReadOnlyCollection<string>? Roles = null)
{
    /// <summary>True when the actor has <paramref name="role"/>.</summary>
    public bool HasRole(string role) => Roles?.Contains(role, StringComparer.Ordinal) == true;
}
