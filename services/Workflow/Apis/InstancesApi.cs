using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using PublicServices.ServiceDefaults;
using PublicServices.WorkflowEngine.Persistence;
using PublicServices.WorkflowEngine.Runtime;
using PublicServices.WorkflowEngine.Execution;
using PublicServices.WorkflowEngine.Stores;

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
        api.MapPost("/{id:guid}/cancel", Cancel);
        api.MapPost("/{id:guid}/retry", Retry);
        return app;
    }

    /// <summary>An instance with its tasks and incidents.</summary>
    public sealed record InstanceDetail(InstanceView Instance, IReadOnlyList<TaskView> Tasks, IReadOnlyList<IncidentView> Incidents);

    /// <summary>Why an instance is cancelled (kept in its journal).</summary>
    public sealed record CancelInput(string? Reason);

    /// <summary>What a cancel or retry did.</summary>
    public sealed record InstanceActionOutcome(Guid InstanceId, WorkflowStatus? Status);

    static async Task<Results<Ok<InstancePage>, ValidationProblem>> List(string? definitionId, string? status, string? correlationId, string? agency,
        string? overdue, string? page, string? pageSize, WorkflowQueries queries, CancellationToken cancel)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        WorkflowStatus? parsedStatus = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (Enum.TryParse<WorkflowStatus>(status, ignoreCase: true, out var s) && Enum.IsDefined(s) && !int.TryParse(status, out _))
                parsedStatus = s;
            else
                errors["status"] = [Problems.Text($"Trạng thái phải là một trong: {StatusNames}.", $"The status must be one of: {StatusNames}.")];
        }
        var isOverdue = Query.Flag(overdue, "overdue", errors) ?? false;
        var (p, size) = Query.Paging(page, pageSize, errors);
        if (errors.Count > 0)
            return Problems.Validation(errors);
        return TypedResults.Ok(await queries.InstancesAsync(new InstanceQuery
        {
            DefinitionId = Blank(definitionId), Status = parsedStatus, CorrelationId = Blank(correlationId), AgencyCode = Blank(agency),
            Overdue = isOverdue, Page = p, PageSize = size,
        }, cancel));
    }

    static readonly string StatusNames = string.Join(", ", Enum.GetNames<WorkflowStatus>().Select(n => n.ToLowerInvariant()));

    static async Task<Results<Ok<InstanceDetail>, ProblemHttpResult>> Get(Guid id, WorkflowQueries queries, CancellationToken cancel)
    {
        var instance = await queries.GetInstanceAsync(id, cancel);
        if (instance is null)
            return NotFound(id);
        return TypedResults.Ok(new InstanceDetail(instance, await queries.TasksOfInstanceAsync(id, cancel),
            await queries.IncidentsAsync(id, includeResolved: true, cancel)));
    }

    static async Task<Results<Ok<IReadOnlyList<JournalView>>, ProblemHttpResult>> Journal(Guid id, WorkflowQueries queries, CancellationToken cancel)
    {
        var journal = await queries.JournalAsync(id, cancel);
        if (journal.Count == 0 && await queries.GetInstanceAsync(id, cancel) is null)
            return NotFound(id);
        return TypedResults.Ok(journal);
    }

    /// <summary>Ends the instance: open tasks are cancelled, waits and timers removed. An ended one is a conflict.</summary>
    static async Task<Results<Ok<InstanceActionOutcome>, ValidationProblem, ProblemHttpResult>> Cancel(Guid id, CancelInput? input,
        ClaimsPrincipal user, WorkflowRuntime runtime, CancellationToken cancel)
    {
        if (input?.Reason is { Length: > 2000 })
            return Problems.Validation(new Dictionary<string, string[]>
            {
                ["reason"] = [Problems.Text("Lý do tối đa 2000 ký tự.", "The reason is at most 2000 characters.")],
            });
        var result = await runtime.CancelAsync(id, user.Actor(), input?.Reason, cancel);
        return result.Status switch
        {
            InstanceActionStatus.Done => TypedResults.Ok(new InstanceActionOutcome(id, result.InstanceStatus)),
            InstanceActionStatus.NotFound => NotFound(id),
            _ => Problems.Problem(StatusCodes.Status409Conflict, Problems.Text("Quy trình đã kết thúc", "The workflow instance has already ended")),
        };
    }

    /// <summary>Runs the failed step of a faulted instance again now.</summary>
    static async Task<Results<Ok<InstanceActionOutcome>, ProblemHttpResult>> Retry(Guid id, ClaimsPrincipal user, WorkflowRuntime runtime,
        CancellationToken cancel)
    {
        var result = await runtime.RetryIncidentAsync(id, user.Actor(), cancel);
        return result.Status switch
        {
            InstanceActionStatus.Done => TypedResults.Ok(new InstanceActionOutcome(id, result.InstanceStatus)),
            InstanceActionStatus.NotFound => NotFound(id),
            _ => Problems.Problem(StatusCodes.Status409Conflict, Problems.Text("Quy trình không có sự cố cần chạy lại", "The workflow instance has no open incident")),
        };
    }

    static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    static ProblemHttpResult NotFound(Guid id) =>
        Problems.Problem(StatusCodes.Status404NotFound, Problems.Text("Không tìm thấy phiên chạy quy trình", "The workflow instance was not found"),
            detail: id.ToString("D", CultureInfo.InvariantCulture));
}

/// <summary>Query-string values parsed with field errors instead of the framework's bare 400.</summary>
static class Query
{
    public static bool? Flag(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(value))
            return null;
        if (bool.TryParse(value, out var flag))
            return flag;
        errors[field] = [Problems.Text("Giá trị phải là true hoặc false.", "The value must be true or false.")];
        return null;
    }

    public static (int Page, int PageSize) Paging(string? page, string? pageSize, Dictionary<string, string[]> errors)
    {
        var p = 1;
        var size = 20;
        if (!string.IsNullOrEmpty(page) && (!int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out p) || p < 1))
            errors["page"] = [Problems.Text("Số trang phải là số nguyên từ 1.", "The page must be a whole number from 1.")];
        if (!string.IsNullOrEmpty(pageSize) && (!int.TryParse(pageSize, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > 200))
            errors["pageSize"] = [Problems.Text("Cỡ trang phải từ 1 đến 200.", "The page size must be from 1 to 200.")];
        return (p, size);
    }
}
