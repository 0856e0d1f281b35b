using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace PublicServices.ServiceDefaults.Audit;

/// <summary>
/// Records officer and administrator actions, logins, catalog and definition changes in the service's audit log.
/// <see cref="Add"/> puts the entry in the caller's unit of work, so it is saved (or not) with the action itself;
/// <see cref="AppendAsync"/> saves it at once, for actions stored through another path.
/// </summary>
public sealed class AuditTrail(TimeProvider clock)
{
    public AuditEntry Add(DbContext db, ClaimsPrincipal who, string action, string target, object? details = null) =>
        Add(db, ActorOf(who), who.FindFirst(Claims.Name)?.Value, action, target, details);

    public AuditEntry Add(DbContext db, string actor, string? actorName, string action, string target, object? details = null)
    {
        var now = clock.GetUtcNow();
        var entry = new AuditEntry
        {
            Id = Guid.CreateVersion7(now),
            At = now.AddTicks(-(now.Ticks % 10)), // microseconds, as PostgreSQL keeps them
            Actor = Cut(actor), ActorName = actorName is null ? null : Cut(actorName), Action = action, Target = Cut(target),
            Details = details is null ? null : JsonSerializer.Serialize(details, JsonOptions),
        };
        db.Set<AuditEntry>().Add(entry);
        return entry;
    }

    public async Task AppendAsync(DbContext db, ClaimsPrincipal who, string action, string target, object? details = null,
        CancellationToken cancel = default)
    {
        Add(db, who, action, target, details);
        await db.SaveChangesAsync(cancel);
    }

    /// <summary>The person (subject) or, for a client acting as itself, the client.</summary>
    public static string ActorOf(ClaimsPrincipal who) =>
        who.FindFirst(Claims.Subject)?.Value ?? who.FindFirst(Claims.ClientId)?.Value ?? "anonymous";

    static string Cut(string value) => value.Length > 200 ? value[..200] : value;

    static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}
