using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using PublicServices.Contracts.Events;
using PublicServices.OneStop.Dossiers;
using PublicServices.ServiceDefaults;
using PublicServices.ServiceDefaults.Resources;
using PublicServices.Workflow.Data;
using PublicServices.Workflow.Domain;
using PublicServices.Workflow.Resources;
using PublicServices.WorkflowEngine.Execution;
using PublicServices.WorkflowEngine.Runtime;

namespace PublicServices.Workflow.Events;

/// <summary>
/// Applies the events other services deliver. Each event id takes effect at most once: the inbox answers a known
/// id at once, and the runtime itself is idempotent underneath (a start keyed by the dossier, an event receipt per
/// instance), so a delivery that dies between the runtime's commit and the inbox row changes nothing the second time.
/// </summary>
public sealed class IncomingEvents(WorkflowDb db, WorkflowRuntime runtime, DossierCheck dossiers, IOptions<WorkflowOptions> options,
    TimeProvider time, IStringLocalizer<Messages> text, IStringLocalizer<SharedMessages> shared, ILogger<IncomingEvents> log) : IEventConsumer
{
    public IReadOnlyCollection<string> Types { get; } =
        [DossierSubmittedV1.Type, SupplementSubmittedV1.Type, PaymentReceivedV1.Type, DossierWithdrawnV1.Type, ResultIssuedV1.Type, ResultDeliveredV1.Type];

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
            DossierWithdrawnV1.Type => await CancelAsync(envelope, sender, cancel),
            SupplementSubmittedV1.Type => await ResumeAsync<SupplementSubmittedV1>(envelope, sender, SupplementSubmittedV1.EventName,
                e => (e.DossierId, EventRules.Check(e, text)), cancel),
            ResultIssuedV1.Type => await ResumeAsync<ResultIssuedV1>(envelope, sender, ResultIssuedV1.EventName,
                e => (e.DossierId, EventRules.Check(e, text)), cancel),
            ResultDeliveredV1.Type => await ResumeAsync<ResultDeliveredV1>(envelope, sender, ResultDeliveredV1.EventName,
                e => (e.DossierId, EventRules.Check(e, text)), cancel),
            _ => await ResumeAsync<PaymentReceivedV1>(envelope, sender, PaymentReceivedV1.EventName, e => (e.DossierId, EventRules.Check(e, text)), cancel),
        };
        if (result.Result is Ok<EventOutcome>)
            await db.RecordAsync(envelope, time.GetUtcNow(), cancel);
        return result;
    }

    /// <summary>
    /// Starts the procedure's published workflow for the dossier, with the agency and statutory days the event carries
    /// (the procedure as submitted), once <see cref="DossierCheck"/> found them on the stored dossier. A workflow
    /// with no published version answers 503, so that the producer retries later (an admin may publish it meanwhile)
    /// instead of setting the dossier aside.
    /// </summary>
    async Task<Results<Ok<EventOutcome>, ValidationProblem, ProblemHttpResult>> StartAsync(EventEnvelope envelope, WorkflowActor sender,
        CancellationToken cancel)
    {
        var submitted = envelope.PayloadAs<DossierSubmittedV1>();
        if (submitted is null)
            return PayloadShape();
        var errors = EventRules.Check(submitted, text);
        if (errors.Count > 0)
            return Problems.Validation(errors);
        if (await dossiers.SubmissionRefusalAsync(submitted, cancel) is { } refused)
            return refused;

        var definitionId = string.IsNullOrWhiteSpace(submitted.WorkflowDefinitionId) ? options.Value.DefaultDefinitionId : submitted.WorkflowDefinitionId;
        var start = await runtime.StartAsync(new StartWorkflowRequest(definitionId, submitted.DossierId.ToString("D"), sender)
        {
            StartId = StartIdFor(submitted.DossierId),
            Unit = submitted.AgencyCode,
            Reference = submitted.Code,
            Properties = DossierProperties.Initial(submitted.StatutoryWorkingDays),
            Input = Payload(envelope),
        }, cancel);
        return start.Status switch
        {
            StartStatus.Started => TypedResults.Ok(new EventOutcome("started", start.InstanceId)),
            StartStatus.AlreadyStarted => TypedResults.Ok(new EventOutcome("already_started", start.InstanceId)),
            _ => Problems.Problem(StatusCodes.Status503ServiceUnavailable, text["Event.WorkflowNotPublished"], detail: definitionId),
        };
    }

    /// <summary>
    /// The applicant withdrew the dossier, as the dossiers service stored it: its workflow is cancelled (open tasks
    /// leave the inboxes, timers stop). An instance already ended, or never started, leaves nothing to do.
    /// </summary>
    async Task<Results<Ok<EventOutcome>, ValidationProblem, ProblemHttpResult>> CancelAsync(EventEnvelope envelope, WorkflowActor sender,
        CancellationToken cancel)
    {
        var withdrawn = envelope.PayloadAs<DossierWithdrawnV1>();
        if (withdrawn is null)
            return PayloadShape();
        var errors = EventRules.Check(withdrawn, text);
        if (errors.Count > 0)
            return Problems.Validation(errors);
        if (await dossiers.WithdrawalRefusalAsync(withdrawn, cancel) is { } refused)
            return refused;
        var instanceId = StartIdFor(withdrawn.DossierId);
        var cancelled = await runtime.CancelAsync(instanceId, sender, withdrawn.Reason, cancel);
        return TypedResults.Ok(new EventOutcome(cancelled.Status == InstanceActionStatus.Done ? "cancelled" : "nothing_waiting", instanceId));
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

    ValidationProblem PayloadShape() => Problems.Validation("payload", shared["Event.PayloadShape"]);

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
