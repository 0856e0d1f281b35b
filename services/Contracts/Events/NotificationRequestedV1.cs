using System.Text.Json.Nodes;

namespace PublicServices.Contracts.Events;

/// <summary>
/// workflow → notifications: send <c>Template</c> about the dossier to the applicant <c>To</c> (a user id), or, when
/// <c>To</c> is null, to the officers that <c>Data.agencyCode</c> and <c>Data.role</c> name (<c>task-overdue</c>).
/// <c>Data</c> fills the template's placeholders.
/// </summary>
public sealed record NotificationRequestedV1(Guid? DossierId, string? Template, string? To, JsonObject? Data)
{
    public const string Type = WorkflowEffects.NotificationRequested;
}
