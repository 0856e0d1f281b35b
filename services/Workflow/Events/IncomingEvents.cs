using System.Security.Claims;
using PublicServices.Workflow.Apis;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PublicServices.ServiceDefaults;
using PublicServices.Workflow.Clients;
using PublicServices.Workflow.Data;
using PublicServices.WorkflowEngine.Runtime;
using PublicServices.WorkflowEngine.Execution;
using PublicServices.WorkflowEngine.Stores;

namespace PublicServices.Workflow.Events;

/// <summary>
/// Applies the events other services deliver. Each event id takes effect at most once: the inbox answers a known
/// id at once, and the runtime itself is idempotent underneath (a start keyed by the dossier, an event receipt per
/// instance), so a delivery that dies between the runtime's commit and the inbox row changes nothing the second time.
/// </summary>
public sealed class IncomingEvents(WorkflowDb db, WorkflowRuntime runtime, ICatalogApi catalog, IOptions<WorkflowServiceOptions> options,
    TimeProvider time, ILogger<IncomingEvents> log) : IEventConsumer
{
    public IReadOnlyCollection<string> Types { get; } = [DossierSubmittedV1.Type, SupplementSubmittedV1.Type, PaymentReceivedV1.Type];

    public async Task<IResult> HandleAsync(EventEnvelope envelope, ClaimsPrincipal sender, CancellationToken cancel) =>
        await HandleAsync(envelope, sender.Actor(), cancel);

    async Task<Results<Ok<EventOutcome>, ValidationProblem, ProblemHttpResult>> HandleAsync(EventEnvelope envelope, WorkflowActor sender,
        CancellationToken cancel)
    {
        if (await db.Inbox.AsNoTracking().AnyAsync(r => r.EventId == envelope.Id, cancel))
            return TypedResults.Ok(new EventOutcome("duplicate"));
        var result = envelope.Type switch
        {
            DossierSubmittedV1.Type => await StartAsync(envelope, sender, cancel),
            SupplementSubmittedV1.Type => await ResumeAsync<SupplementSubmittedV1>(envelope, sender, SupplementSubmittedV1.EventName,
                e => (e.DossierId, EventRules.Check(e)), cancel),
            PaymentReceivedV1.Type => await ResumeAsync<PaymentReceivedV1>(envelope, sender, PaymentReceivedV1.EventName,
                e => (e.DossierId, EventRules.Check(e)), cancel),
            _ => Problems.Problem(StatusCodes.Status400BadRequest, Problems.Text("Loại sự kiện không được hỗ trợ", "This event type is not supported"),
                detail: envelope.Type),
        };
        if (result.Result is Ok<EventOutcome>)
            await db.RecordAsync(envelope, time.GetUtcNow(), cancel);
        return result;
    }

    /// <summary>
    /// Starts the procedure's published workflow for the dossier. The event says which workflow and how many working
    /// days (the procedure as submitted); an event without them asks the catalog. A catalog that cannot be asked, or a
    /// workflow with no published version, answers 503 so that
    /// the producer retries later (an admin may publish it meanwhile) instead of setting the dossier aside.
    /// </summary>
    async Task<Results<Ok<EventOutcome>, ValidationProblem, ProblemHttpResult>> StartAsync(EventEnvelope envelope, WorkflowActor sender,
        CancellationToken cancel)
    {
        var submitted = envelope.PayloadAs<DossierSubmittedV1>();
        if (submitted is null)
            return PayloadShape();
        var errors = EventRules.Check(submitted);
        if (errors.Count > 0)
            return Problems.Validation(errors);

        var procedure = submitted is { StatutoryWorkingDays: { } days, AgencyCode: { Length: > 0 } agency }
            ? new Procedure(submitted.ProcedureCode!, agency, days, submitted.WorkflowDefinitionId)
            : null;
        if (procedure is null)
        {
            try
            {
                var response = await catalog.GetProcedureAsync(submitted.ProcedureCode!, cancel);
                if (response.StatusCode == HttpStatusCode.NotFound)
                    return Problems.Problem(StatusCodes.Status422UnprocessableEntity, Problems.Text("Thủ tục hành chính không tồn tại hoặc chưa được công bố",
                        "The procedure does not exist or is not published"), detail: submitted.ProcedureCode);
                if (!response.IsSuccessStatusCode || response.Content is null)
                    return CatalogUnavailable(response.Error);
                procedure = response.Content;
            }
            catch (Exception e) when (!cancel.IsCancellationRequested)
            {
                return CatalogUnavailable(e);
            }
        }

        var definitionId = string.IsNullOrWhiteSpace(procedure.WorkflowDefinitionId) ? options.Value.DefaultDefinitionId : procedure.WorkflowDefinitionId;
        var dossierId = submitted.DossierId.ToString("D");
        var start = await runtime.StartAsync(new StartWorkflowRequest(definitionId, dossierId, sender)
        {
            StartId = StartIdFor(submitted.DossierId),
            AgencyCode = procedure.AgencyCode,
            DossierCode = submitted.Code,
            StatutoryWorkingDays = procedure.StatutoryWorkingDays,
            Input = Payload(envelope),
        }, cancel);
        return start.Status switch
        {
            StartStatus.Started => TypedResults.Ok(new EventOutcome("started", start.InstanceId)),
            StartStatus.AlreadyStarted => TypedResults.Ok(new EventOutcome("already_started", start.InstanceId)),
            _ => Problems.Problem(StatusCodes.Status503ServiceUnavailable, Problems.Text("Quy trình của thủ tục chưa được công bố",
                "The procedure's workflow has no published version"), detail: definitionId),
        };
    }

    /// <summary>Resumes whatever waits for the event on this dossier, once per instance and event id.</summary>
    async Task<Results<Ok<EventOutcome>, ValidationProblem, ProblemHttpResult>> ResumeAsync<T>(EventEnvelope envelope, WorkflowActor sender,
        string eventName, Func<T, (Guid DossierId, Dictionary<string, string[]> Errors)> check, CancellationToken cancel) where T : class
    {
        var payload = envelope.PayloadAs<T>();
        if (payload is null)
            return PayloadShape();
        var (dossierId, errors) = check(payload);
        if (errors.Count > 0)
            return Problems.Validation(errors);
        var delivered = await runtime.DeliverEventAsync(new DeliverEventRequest(eventName, dossierId.ToString("D"), envelope.Id.ToString("D"))
        {
            Payload = Payload(envelope),
            Actor = sender,
        }, cancel);
        // Nothing waiting is not an error: the dossier may have been withdrawn or its workflow cancelled meanwhile.
        if (delivered.Resumed == 0 && delivered.Duplicates == 0)
            log.LogInformation("Event {Id} ({Type}) for dossier {Dossier}: nothing was waiting for it", envelope.Id, envelope.Type, dossierId);
        return TypedResults.Ok(new EventOutcome(delivered.Resumed > 0 ? "resumed" : delivered.Duplicates > 0 ? "duplicate" : "nothing_waiting",
            Resumed: delivered.Resumed));
    }

    ProblemHttpResult CatalogUnavailable(Exception? cause)
    {
        log.LogWarning(cause, "The catalog could not be asked for a procedure");
        return Problems.Problem(StatusCodes.Status503ServiceUnavailable, Problems.Text("Không hỏi được danh mục thủ tục, vui lòng thử lại sau",
            "The catalog could not be asked, please try again later"));
    }

    static ValidationProblem PayloadShape() => Problems.Validation(new Dictionary<string, string[]>
    {
        ["payload"] = [Problems.Text("Nội dung sự kiện không đúng định dạng.", "The payload does not have the expected shape.")],
    });

    static JsonObject Payload(EventEnvelope envelope) => JsonNode.Parse(envelope.Payload.GetRawText()) as JsonObject ?? [];

    /// <summary>
    /// The instance id of a dossier's workflow, derived from the dossier id: a repeated or concurrent
    /// DossierSubmitted finds the instance the first one started instead of starting a second.
    /// </summary>
    public static Guid StartIdFor(Guid dossierId)
    {
        Span<byte> input = stackalloc byte[16 + 17];
        dossierId.TryWriteBytes(input, bigEndian: true, out _);
        "DossierSubmitted:"u8.CopyTo(input[16..]);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input, hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80); // RFC 9562 version 8 (custom), RFC variant
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}
