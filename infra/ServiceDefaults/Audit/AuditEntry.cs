namespace PublicServices.ServiceDefaults.Audit;

/// <summary>
/// One line of a service's audit log: who did what to which object, and when. Written unsealed with the action;
/// <see cref="AuditSealer{TDb}"/> then gives it its place in the chain (<see cref="Seq"/>) and its hash, which covers
/// the previous entry's hash, so an entry changed or removed afterwards breaks the chain where it was.
/// </summary>
public sealed class AuditEntry
{
    public Guid Id { get; set; }
    /// <summary>When it happened, to the microsecond (what PostgreSQL keeps, so the hash survives the round trip).</summary>
    public DateTimeOffset At { get; set; }
    /// <summary>The person's subject id, the calling client's id, or the user name given at a login.</summary>
    public required string Actor { get; set; }
    /// <summary>A readable name of the actor when known (the token's name claim).</summary>
    public string? ActorName { get; set; }
    /// <summary>What was done, e.g. "procedure.published", "task.completed", "login.failed".</summary>
    public required string Action { get; set; }
    /// <summary>The object acted on, e.g. a procedure code or a task id.</summary>
    public required string Target { get; set; }
    /// <summary>Further facts as JSON (an outcome, a comment), or null.</summary>
    public string? Details { get; set; }
    /// <summary>Position in the chain from 1; null until sealed.</summary>
    public long? Seq { get; set; }
    public string? PreviousHash { get; set; }
    public string? Hash { get; set; }
}
