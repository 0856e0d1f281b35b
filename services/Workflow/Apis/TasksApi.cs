using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using PublicServices.OneStop.Dossiers;
using PublicServices.ServiceDefaults;
using PublicServices.ServiceDefaults.Audit;
using PublicServices.ServiceDefaults.Resources;
using PublicServices.Workflow.Data;
using PublicServices.Workflow.Domain;
using PublicServices.Workflow.Resources;
using PublicServices.WorkflowEngine.Execution;
using PublicServices.WorkflowEngine.Persistence;
using PublicServices.WorkflowEngine.Runtime;

namespace PublicServices.Workflow.Apis;

/// <summary>
/// The officer inbox: open tasks of the caller's agency and roles, by deadline; claim, release, complete. A task of
/// another agency or role is refused (403), an outcome the task does not offer is a field error (400), and a task
/// completed already is a conflict (409) that changes nothing.
/// </summary>
public static class TasksApi
{
    public static IEndpointRouteBuilder MapTasksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/workflow/tasks").WithTags("Tasks").RequireAuthorization(Callers.OfficerPolicy);
        api.MapGet("/", Inbox);
        api.MapGet("/{id:guid}", Get);
        api.MapGet("/{id:guid}/decisions", Decisions);
        api.MapPost("/{id:guid}/claim", Claim).Audited<WorkflowDb>("task.claimed");
        api.MapPost("/{id:guid}/release", Release).Audited<WorkflowDb>("task.released");
        api.MapPost("/{id:guid}/complete", Complete).Audited<WorkflowDb>("task.completed", c => new { c.GetArgument<CompleteTaskInput>(1).Outcome, c.GetArgument<CompleteTaskInput>(1).Comment });
        api.MapPost("/{id:guid}/apology", Apology).Audited<WorkflowDb>("task.apology", c => new { c.GetArgument<ApologyInput>(1).NewDueAt, c.GetArgument<ApologyInput>(1).Reason });
        return app;
    }

    /// <summary>An officer's decision on a task.</summary>
    /// <param name="Outcome">One of the task's outcomes.</param>
    /// <param name="Comment">The reason or remark (required in practice for refusals and supplement requests: later steps quote it).</param>
    /// <param name="Attachments">Document ids (e.g. the signed result).</param>
    /// <param name="Data">Structured input for later steps, e.g. <c>{"documents": ["..."]}</c> for a supplement request.</param>
    public sealed record CompleteTaskInput(string? Outcome, string? Comment, IReadOnlyList<string>? Attachments, JsonObject? Data);

    /// <summary>What a completion did.</summary>
    public sealed record TaskCompletion(Guid TaskId, Guid InstanceId, string Outcome, WorkflowStatus? InstanceStatus);

    /// <summary>An apology letter (thư xin lỗi): the dossier will be late, and its result is promised for a new date.</summary>
    public sealed record ApologyInput(DateTimeOffset? NewDueAt, string? Reason);

    /// <summary>The largest page of the inbox.</summary>
    const int MaxPageSize = 200;

    /// <summary>The dossier's statutory due date after the apology.</summary>
    public sealed record ApologyOutcome(Guid InstanceId, DateTimeOffset? DueAt);

    static async Task<Results<Ok<TaskPage>, ValidationProblem>> Inbox(string? overdue, string? mine, string? q, string? page, string? pageSize,
        ClaimsPrincipal user, WorkflowQueries queries, IStringLocalizer<Messages> text, IStringLocalizer<SharedMessages> shared, CancellationToken cancel)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var isOverdue = QueryFlag.Parse(overdue, "overdue", errors, text);
        var onlyMine = QueryFlag.Parse(mine, "mine", errors, text) ?? false;
        var paging = PageRequest.Parse(page, pageSize, 20, MaxPageSize, errors, shared);
        if (q is { Length: > 100 })
            errors["q"] = [text["Task.SearchTooLong"]];
        if (errors.Count > 0)
            return Problems.Validation(errors);
        var actor = user.Actor();
        return TypedResults.Ok(TaskPage.From(await queries.InboxAsync(new InboxQuery(actor.Unit!, actor.Roles!, actor.Id)
        {
            Overdue = isOverdue, ClaimedByMe = onlyMine, Text = q, Page = paging.Page, PageSize = paging.PageSize,
        }, cancel)));
    }

    static async Task<Results<Ok<TaskDto>, ProblemHttpResult>> Get(Guid id, ClaimsPrincipal user, WorkflowQueries queries, IStringLocalizer<Messages> text,
        CancellationToken cancel)
    {
        var task = await queries.GetTaskAsync(id, cancel);
        if (task is null)
            return NotFound(id, text);
        return MayAct(user.Actor(), task) ? TypedResults.Ok(TaskDto.From(task)) : Problems.Forbidden();
    }

    /// <summary>
    /// The decisions taken so far on the task's dossier (the completed tasks of its instance, oldest first), for an
    /// officer who may see the task: the next step reads the earlier comments and attachments.
    /// </summary>
    static async Task<Results<Ok<List<TaskDto>>, ProblemHttpResult>> Decisions(Guid id, ClaimsPrincipal user, WorkflowQueries queries,
        IStringLocalizer<Messages> text, CancellationToken cancel)
    {
        var task = await queries.GetTaskAsync(id, cancel);
        if (task is null)
            return NotFound(id, text);
        if (!MayAct(user.Actor(), task))
            return Problems.Forbidden();
        var done = await queries.TasksOfInstanceAsync(task.InstanceId, cancel);
        return TypedResults.Ok(done.Where(t => t.Status == WorkflowTaskStatus.Completed).OrderBy(t => t.CompletedAt).Select(TaskDto.From).ToList());
    }

    static async Task<Results<Ok<TaskDto>, ProblemHttpResult>> Claim(Guid id, ClaimsPrincipal user, WorkflowRuntime runtime, WorkflowQueries queries,
        IStringLocalizer<Messages> text, CancellationToken cancel)
    {
        var result = await runtime.ClaimTaskAsync(id, user.Actor(), cancel);
        return result.Status == TaskActionStatus.Claimed ? TypedResults.Ok(TaskDto.From((await queries.GetTaskAsync(id, cancel))!)) : Refusal(id, result.Status, text);
    }

    static async Task<Results<Ok<TaskDto>, ProblemHttpResult>> Release(Guid id, ClaimsPrincipal user, WorkflowRuntime runtime, WorkflowQueries queries,
        IStringLocalizer<Messages> text, CancellationToken cancel)
    {
        var result = await runtime.ReleaseTaskAsync(id, user.Actor(), cancel);
        return result.Status == TaskActionStatus.Released ? TypedResults.Ok(TaskDto.From((await queries.GetTaskAsync(id, cancel))!)) : Refusal(id, result.Status, text);
    }

    static async Task<Results<Ok<TaskCompletion>, ValidationProblem, ProblemHttpResult>> Complete(Guid id, CompleteTaskInput input,
        ClaimsPrincipal user, WorkflowRuntime runtime, WorkflowQueries queries, IOptions<WorkflowOptions> options, IStringLocalizer<Messages> text,
        CancellationToken cancel)
    {
        var errors = Check(input, options.Value, text);
        if (errors.Count > 0)
            return Problems.Validation(errors);
        var outcome = input.Outcome!.Trim();
        var result = await runtime.CompleteTaskAsync(new CompleteTaskRequest(id, outcome, user.Actor())
        {
            Comment = string.IsNullOrWhiteSpace(input.Comment) ? null : input.Comment.Trim(),
            Attachments = input.Attachments,
            Data = input.Data,
        }, cancel);
        if (result.Status == TaskActionStatus.Completed)
            return TypedResults.Ok(new TaskCompletion(id, result.InstanceId!.Value, outcome, result.InstanceStatus));
        if (result.Status == TaskActionStatus.InvalidOutcome)
        {
            var allowed = string.Join(", ", (await queries.GetTaskAsync(id, cancel))?.Outcomes ?? []);
            return Problems.Validation("outcome", text["Task.OutcomeNotAllowed", outcome, allowed]);
        }
        return Refusal(id, result.Status, text);
    }

    /// <summary>
    /// The officer holding an open task of a late dossier moves its due date by an apology letter: once per dossier,
    /// to a later date, issued at least one working day before the current due date (the one-stop rule). A refusal is
    /// 422 with its reason; the new date reaches the dossier as a DossierStatusChanged event.
    /// </summary>
    static async Task<Results<Ok<ApologyOutcome>, ValidationProblem, ProblemHttpResult>> Apology(Guid id, ApologyInput input, ClaimsPrincipal user,
        DossierDeadlines deadlines, WorkflowQueries queries, IStringLocalizer<Messages> text, IStringLocalizer<OneStop.Resources.Messages> rules,
        CancellationToken cancel)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (input.NewDueAt is null)
            errors["newDueAt"] = [text["Task.NewDueAtRequired"]];
        if (string.IsNullOrWhiteSpace(input.Reason) || input.Reason.Length > 2000)
            errors["reason"] = [text["Task.ReasonRequired"]];
        if (errors.Count > 0)
            return Problems.Validation(errors);
        var actor = user.Actor();
        var task = await queries.GetTaskAsync(id, cancel);
        if (task is null)
            return NotFound(id, text);
        if (!MayAct(actor, task))
            return Refusal(id, TaskActionStatus.Forbidden, text);
        if (task.Status is WorkflowTaskStatus.Completed or WorkflowTaskStatus.Cancelled)
            return Refusal(id, TaskActionStatus.AlreadyCompleted, text);
        var moved = await deadlines.MoveDueDateAsync(task.InstanceId, input.NewDueAt!.Value, input.Reason!.Trim(), actor, cancel);
        return moved.Status switch
        {
            InstanceActionStatus.Done => TypedResults.Ok(new ApologyOutcome(task.InstanceId, moved.DueAt)),
            InstanceActionStatus.Declined => Problems.Problem(StatusCodes.Status422UnprocessableEntity, text["Task.ApologyRefused"],
                detail: moved.RefusalKey is { } key ? rules[key].Value : null),
            InstanceActionStatus.NotFound => NotFound(id, text),
            _ => Problems.Problem(StatusCodes.Status409Conflict, text["Instance.Ended"]),
        };
    }

    static Dictionary<string, string[]> Check(CompleteTaskInput input, WorkflowOptions options, IStringLocalizer<Messages> text)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(input.Outcome))
            errors["outcome"] = [text["Task.OutcomeRequired"]];
        if (input.Comment is { } comment && comment.Length > options.MaxCommentLength)
            errors["comment"] = [text["Task.CommentTooLong", options.MaxCommentLength]];
        if (input.Attachments is { } attachments)
        {
            if (attachments.Count > options.MaxAttachments)
                errors["attachments"] = [text["Task.TooManyAttachments", options.MaxAttachments]];
            for (var i = 0; i < attachments.Count; i++)
                if (string.IsNullOrWhiteSpace(attachments[i]) || attachments[i].Length > 100)
                    errors[$"attachments[{i.ToString(System.Globalization.CultureInfo.InvariantCulture)}]"] = [text["Task.BadDocumentId"]];
        }
        return errors;
    }

    /// <summary>The runtime's rule, on the view: the task's agency (its unit), and one of the caller's roles is the task's role.</summary>
    static bool MayAct(WorkflowActor actor, TaskView task) =>
        string.Equals(task.Unit, actor.Unit, StringComparison.Ordinal) && actor.HasRole(task.Role);

    static ProblemHttpResult Refusal(Guid id, TaskActionStatus status, IStringLocalizer<Messages> text) => status switch
    {
        TaskActionStatus.NotFound => NotFound(id, text),
        TaskActionStatus.Forbidden => Problems.Problem(StatusCodes.Status403Forbidden, text["Task.OtherUnit"]),
        TaskActionStatus.ClaimedByOther => Problems.Problem(StatusCodes.Status409Conflict, text["Task.ClaimedByOther"]),
        TaskActionStatus.NotClaimed => Problems.Problem(StatusCodes.Status409Conflict, text["Task.NotClaimed"]),
        _ => Problems.Problem(StatusCodes.Status409Conflict, text["Task.Completed"]),
    };

    static ProblemHttpResult NotFound(Guid id, IStringLocalizer<Messages> text) =>
        Problems.NotFound(text["Task.NotFound"], detail: id.ToString("D", System.Globalization.CultureInfo.InvariantCulture));
}
