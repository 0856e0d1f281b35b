using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using PublicServices.ServiceDefaults;
using PublicServices.WorkflowEngine.Persistence;
using PublicServices.WorkflowEngine.Runtime;
using PublicServices.WorkflowEngine.Execution;
using PublicServices.WorkflowEngine.Stores;

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
        api.MapPost("/{id:guid}/claim", Claim);
        api.MapPost("/{id:guid}/release", Release);
        api.MapPost("/{id:guid}/complete", Complete);
        api.MapPost("/{id:guid}/apology", Apology);
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

    /// <summary>The dossier's statutory due date after the apology.</summary>
    public sealed record ApologyOutcome(Guid InstanceId, DateTimeOffset? DueAt);

    static async Task<Results<Ok<InboxPage>, ValidationProblem>> Inbox(string? overdue, string? mine, string? q, string? page, string? pageSize,
        ClaimsPrincipal user, WorkflowQueries queries, CancellationToken cancel)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var isOverdue = Query.Flag(overdue, "overdue", errors);
        var onlyMine = Query.Flag(mine, "mine", errors) ?? false;
        var (p, size) = Query.Paging(page, pageSize, errors);
        if (q is { Length: > 100 })
            errors["q"] = [Problems.Text("Từ khóa tối đa 100 ký tự.", "The search text is at most 100 characters.")];
        if (errors.Count > 0)
            return Problems.Validation(errors);
        var actor = user.Actor();
        return TypedResults.Ok(await queries.InboxAsync(new InboxQuery(actor.AgencyCode!, actor.Roles!, actor.Id)
        {
            Overdue = isOverdue, ClaimedByMe = onlyMine, Text = q, Page = p, PageSize = size,
        }, cancel));
    }

    static async Task<Results<Ok<TaskView>, ProblemHttpResult>> Get(Guid id, ClaimsPrincipal user, WorkflowQueries queries, CancellationToken cancel)
    {
        var task = await queries.GetTaskAsync(id, cancel);
        if (task is null)
            return NotFound(id);
        return MayAct(user.Actor(), task) ? TypedResults.Ok(task) : Problems.Forbidden();
    }

    static async Task<Results<Ok<TaskView>, ProblemHttpResult>> Claim(Guid id, ClaimsPrincipal user, WorkflowRuntime runtime, WorkflowQueries queries,
        CancellationToken cancel)
    {
        var result = await runtime.ClaimTaskAsync(id, user.Actor(), cancel);
        return result.Status == TaskActionStatus.Claimed ? TypedResults.Ok((await queries.GetTaskAsync(id, cancel))!) : Refusal(id, result.Status);
    }

    static async Task<Results<Ok<TaskView>, ProblemHttpResult>> Release(Guid id, ClaimsPrincipal user, WorkflowRuntime runtime, WorkflowQueries queries,
        CancellationToken cancel)
    {
        var result = await runtime.ReleaseTaskAsync(id, user.Actor(), cancel);
        return result.Status == TaskActionStatus.Released ? TypedResults.Ok((await queries.GetTaskAsync(id, cancel))!) : Refusal(id, result.Status);
    }

    static async Task<Results<Ok<TaskCompletion>, ValidationProblem, ProblemHttpResult>> Complete(Guid id, CompleteTaskInput input,
        ClaimsPrincipal user, WorkflowRuntime runtime, WorkflowQueries queries, IOptions<WorkflowServiceOptions> options, CancellationToken cancel)
    {
        var errors = Check(input, options.Value);
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
            return Problems.Validation(new Dictionary<string, string[]>
            {
                ["outcome"] = [Problems.Text($"Kết quả '{outcome}' không được phép; chọn một trong: {allowed}.",
                    $"The outcome '{outcome}' is not allowed; choose one of: {allowed}.")],
            });
        }
        return Refusal(id, result.Status);
    }

    /// <summary>
    /// The officer holding an open task of a late dossier moves its due date by an apology letter: once per dossier,
    /// to a later date, issued at least one working day before the current due date (the runtime's rule). A
    /// refusal is 422 with its reason; the new date reaches the dossier as a DossierStatusChanged event.
    /// </summary>
    static async Task<Results<Ok<ApologyOutcome>, ValidationProblem, ProblemHttpResult>> Apology(Guid id, ApologyInput input, ClaimsPrincipal user,
        WorkflowRuntime runtime, WorkflowQueries queries, CancellationToken cancel)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (input.NewDueAt is null)
            errors["newDueAt"] = [Problems.Text("Ngày hẹn trả kết quả mới là bắt buộc.", "The new due date is required.")];
        if (string.IsNullOrWhiteSpace(input.Reason) || input.Reason.Length > 2000)
            errors["reason"] = [Problems.Text("Lý do chậm trễ là bắt buộc, tối đa 2000 ký tự.", "The reason for the delay is required, at most 2000 characters.")];
        if (errors.Count > 0)
            return Problems.Validation(errors);
        var actor = user.Actor();
        var task = await queries.GetTaskAsync(id, cancel);
        if (task is null)
            return NotFound(id);
        if (!MayAct(actor, task))
            return Refusal(id, TaskActionStatus.Forbidden);
        if (task.Status is WorkflowTaskStatus.Completed or WorkflowTaskStatus.Cancelled)
            return Refusal(id, TaskActionStatus.AlreadyCompleted);
        var result = await runtime.MoveDueDateAsync(task.InstanceId, input.NewDueAt!.Value, input.Reason!.Trim(), actor, cancel);
        return result.Status switch
        {
            InstanceActionStatus.Done => TypedResults.Ok(new ApologyOutcome(task.InstanceId, (await queries.GetInstanceAsync(task.InstanceId, cancel))?.DueAt)),
            InstanceActionStatus.Refused => Problems.Problem(StatusCodes.Status422UnprocessableEntity, Problems.Text("Thư xin lỗi không được chấp nhận",
                "The apology letter was refused"), detail: result.Reason is { } reason ? Problems.Text(reason.Vi, reason.En) : null),
            InstanceActionStatus.NotFound => NotFound(id),
            _ => Problems.Problem(StatusCodes.Status409Conflict, Problems.Text("Quy trình đã kết thúc", "The workflow instance has already ended")),
        };
    }

    static Dictionary<string, string[]> Check(CompleteTaskInput input, WorkflowServiceOptions options)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(input.Outcome))
            errors["outcome"] = [Problems.Text("Kết quả xử lý là bắt buộc.", "The outcome is required.")];
        if (input.Comment is { } comment && comment.Length > options.MaxCommentLength)
            errors["comment"] = [Problems.Text($"Ý kiến tối đa {options.MaxCommentLength} ký tự.", $"The comment is at most {options.MaxCommentLength} characters.")];
        if (input.Attachments is { } attachments)
        {
            if (attachments.Count > options.MaxAttachments)
                errors["attachments"] = [Problems.Text($"Tối đa {options.MaxAttachments} tài liệu đính kèm.", $"At most {options.MaxAttachments} attachments.")];
            for (var i = 0; i < attachments.Count; i++)
                if (string.IsNullOrWhiteSpace(attachments[i]) || attachments[i].Length > 100)
                    errors[$"attachments[{i}]"] = [Problems.Text("Mã tài liệu không hợp lệ.", "The document id is not valid.")];
        }
        return errors;
    }

    /// <summary>Same rule as the runtime's: the task's agency, and one of the caller's roles is the task's role.</summary>
    static bool MayAct(WorkflowActor actor, TaskView task) =>
        string.Equals(task.AgencyCode, actor.AgencyCode, StringComparison.Ordinal) && actor.HasRole(task.Role);

    static ProblemHttpResult Refusal(Guid id, TaskActionStatus status) => status switch
    {
        TaskActionStatus.NotFound => NotFound(id),
        TaskActionStatus.Forbidden => Problems.Problem(StatusCodes.Status403Forbidden, Problems.Text("Công việc thuộc cơ quan hoặc vai trò khác",
            "The task belongs to another agency or role")),
        TaskActionStatus.ClaimedByOther => Problems.Problem(StatusCodes.Status409Conflict, Problems.Text("Công việc đã được cán bộ khác nhận xử lý",
            "Another officer has claimed the task")),
        TaskActionStatus.NotClaimed => Problems.Problem(StatusCodes.Status409Conflict, Problems.Text("Bạn chưa nhận công việc này", "You have not claimed this task")),
        _ => Problems.Problem(StatusCodes.Status409Conflict, Problems.Text("Công việc đã được xử lý xong", "The task has already been completed")),
    };

    static ProblemHttpResult NotFound(Guid id) =>
        Problems.Problem(StatusCodes.Status404NotFound, Problems.Text("Không tìm thấy công việc", "The task was not found"), detail: id.ToString("D"));
}
