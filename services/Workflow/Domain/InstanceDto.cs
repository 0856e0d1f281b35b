using System.Text.Json.Nodes;
using PublicServices.OneStop.Dossiers;
using PublicServices.WorkflowEngine.Persistence;
using PublicServices.WorkflowEngine.Runtime;

namespace PublicServices.Workflow.Domain;

/// <summary>
/// A workflow instance as admins see it: the engine's instance with the dossier it handles (agency, code, the
/// national status the workflow last reported, the statutory limit and clock).
/// </summary>
public sealed record InstanceDto(
    Guid Id, string DefinitionId, int DefinitionVersion, string DefinitionVersionId, WorkflowStatus Status, string? CorrelationId,
    string? AgencyCode, string? DossierCode, int? DossierStatus, decimal? StatutoryWorkingDays, DateTimeOffset? DueAt, bool IsOverdue,
    bool ClockPaused, bool DueDateMoved, JsonObject Variables, IReadOnlyList<WaitView> Waits, Guid? IncidentId, long Sequence,
    string? StartedBy, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? FinishedAt)
{
    public static InstanceDto From(InstanceView i)
    {
        var clock = DossierProperties.Clock(i.Properties);
        return new(i.Id, i.DefinitionId, i.DefinitionVersion, i.DefinitionVersionId, i.Status, i.CorrelationId, i.Unit, i.Reference,
            (int?)DossierProperties.Status(i.Properties), DossierProperties.StatutoryWorkingDays(i.Properties), clock?.DueAt, i.IsOverdue,
            clock?.IsPaused == true, clock?.ApologyIssuedAt is not null, i.Variables, i.Waits, i.IncidentId, i.Sequence, i.StartedBy,
            i.CreatedAt, i.UpdatedAt, i.FinishedAt);
    }
}

/// <summary>A page of instances, newest first.</summary>
public sealed record InstanceDtoPage(IReadOnlyList<InstanceDto> Items, int Page, int PageSize, bool HasMore)
{
    public static InstanceDtoPage From(InstancePage page) => new([.. page.Items.Select(InstanceDto.From)], page.Page, page.PageSize, page.HasMore);
}

/// <summary>An instance with its tasks and incidents.</summary>
public sealed record InstanceDetail(InstanceDto Instance, IReadOnlyList<TaskDto> Tasks, IReadOnlyList<IncidentView> Incidents);
