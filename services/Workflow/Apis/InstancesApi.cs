using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using PublicServices.ServiceDefaults;
using PublicServices.ServiceDefaults.Audit;
using PublicServices.ServiceDefaults.Resources;
using PublicServices.Workflow.Data;
using PublicServices.Workflow.Domain;
using PublicServices.Workflow.Resources;
using PublicServices.WorkflowEngine.Persistence;
using PublicServices.WorkflowEngine.Runtime;

namespace PublicServices.Workflow.Apis;

/// <summary>Watching and fixing running workflows: list, details, journal, cancel, retry an incident. Admins only.</summary>
public static class InstancesApi
{
    public static IEndpointRouteBuilder MapInstancesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/workflow/instances").WithTags("Instances").RequireAuthorization(Callers.AdminPolicy);
        api.MapGet("/", List);
        api.MapGet("/{id:guid}", Get);
        api.MapGet("/{id:guid}/journal", Journal);
        api.MapPost("/{id:guid}/cancel", Cancel).Audited<WorkflowDb>("instance.cancelled", c => new { c.GetArgument<CancelInput?>(1)?.Reason });
        api.MapPost("/{id:guid}/retry", Retry).Audited<WorkflowDb>("instance.retried");
        return app;
    }

    /// <summary>Why an instance is cancelled (kept in its journal).</summary>
    public sealed record CancelInput(string? Reason);

    /// <summary>What a cancel or retry did.</summary>
    public sealed record InstanceActionOutcome(Guid InstanceId, WorkflowStatus? Status);

    /// <summary>The largest page of instances.</summary>
    const int MaxPageSize = 200;

    static async Task<Results<Ok<InstanceDtoPage>, ValidationProblem>> List(string? definitionId, string? status, string? correlationId, string? agency,
        string? overdue, string? page, string? pageSize, WorkflowQueries queries, IStringLocalizer<Messages> text,
        IStringLocalizer<SharedMessages> shared, CancellationToken cancel)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        WorkflowStatus? parsedStatus = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (Enum.TryParse<WorkflowStatus>(status, ignoreCase: true, out var s) && Enum.IsDefined(s) && !int.TryParse(status, CultureInfo.InvariantCulture, out _))
                parsedStatus = s;
            else
                errors["status"] = [text["Instance.BadStatus", StatusNames]];
        }
        var isOverdue = QueryFlag.Parse(overdue, "overdue", errors, text) ?? false;
        var paging = PageRequest.Parse(page, pageSize, 20, MaxPageSize, errors, shared);
        if (errors.Count > 0)
            return Problems.Validation(errors);
        return TypedResults.Ok(InstanceDtoPage.From(await queries.InstancesAsync(new InstanceQuery
        {
            DefinitionId = Blank(definitionId), Status = parsedStatus, CorrelationId = Blank(correlationId), Unit = Blank(agency),
            Overdue = isOverdue, Page = paging.Page, PageSize = paging.PageSize,
        }, cancel)));
    }

    static readonly string StatusNames = string.Join(", ", Enum.GetNames<WorkflowStatus>().Select(n => n.ToLowerInvariant()));

    static async Task<Results<Ok<InstanceDetail>, ProblemHttpResult>> Get(Guid id, WorkflowQueries queries, IStringLocalizer<Messages> text,
        CancellationToken cancel)
    {
        var instance = await queries.GetInstanceAsync(id, cancel);
        if (instance is null)
            return NotFound(id, text);
        return TypedResults.Ok(new InstanceDetail(InstanceDto.From(instance), [.. (await queries.TasksOfInstanceAsync(id, cancel)).Select(TaskDto.From)],
            await queries.IncidentsAsync(id, includeResolved: true, cancel)));
    }

    static async Task<Results<Ok<IReadOnlyList<JournalView>>, ProblemHttpResult>> Journal(Guid id, WorkflowQueries queries, IStringLocalizer<Messages> text,
        CancellationToken cancel)
    {
        var journal = await queries.JournalAsync(id, cancel);
        if (journal.Count == 0 && await queries.GetInstanceAsync(id, cancel) is null)
            return NotFound(id, text);
        return TypedResults.Ok(journal);
    }

    /// <summary>Ends the instance: open tasks are cancelled, waits and timers removed. An ended one is a conflict.</summary>
    static async Task<Results<Ok<InstanceActionOutcome>, ValidationProblem, ProblemHttpResult>> Cancel(Guid id, CancelInput? input,
        ClaimsPrincipal user, WorkflowRuntime runtime, IStringLocalizer<Messages> text, CancellationToken cancel)
    {
        if (input?.Reason is { Length: > 2000 })
            return Problems.Validation("reason", text["Instance.ReasonTooLong"]);
        var result = await runtime.CancelAsync(id, user.Actor(), input?.Reason, cancel);
        return result.Status switch
        {
            InstanceActionStatus.Done => TypedResults.Ok(new InstanceActionOutcome(id, result.InstanceStatus)),
            InstanceActionStatus.NotFound => NotFound(id, text),
            _ => Problems.Problem(StatusCodes.Status409Conflict, text["Instance.Ended"]),
        };
    }

    /// <summary>Runs the failed step of a faulted instance again now.</summary>
    static async Task<Results<Ok<InstanceActionOutcome>, ProblemHttpResult>> Retry(Guid id, ClaimsPrincipal user, WorkflowRuntime runtime,
        IStringLocalizer<Messages> text, CancellationToken cancel)
    {
        var result = await runtime.RetryIncidentAsync(id, user.Actor(), cancel);
        return result.Status switch
        {
            InstanceActionStatus.Done => TypedResults.Ok(new InstanceActionOutcome(id, result.InstanceStatus)),
            InstanceActionStatus.NotFound => NotFound(id, text),
            _ => Problems.Problem(StatusCodes.Status409Conflict, text["Instance.NoIncident"]),
        };
    }

    static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    static ProblemHttpResult NotFound(Guid id, IStringLocalizer<Messages> text) =>
        Problems.NotFound(text["Instance.NotFound"], detail: id.ToString("D", CultureInfo.InvariantCulture));
}
