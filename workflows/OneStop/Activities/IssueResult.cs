using System.Text.Json.Nodes;
using PublicServices.Contracts.Dossiers;
using PublicServices.Contracts.Events;
using PublicServices.OneStop.Dossiers;
using PublicServices.WorkflowEngine.Definitions;
using PublicServices.WorkflowEngine.Execution;
using PublicServices.WorkflowEngine.Json;

namespace PublicServices.OneStop.Activities;

/// <summary>
/// <c>PublicServices.IssueResult</c>: the dossier is decided (status "processed"); the documents service is asked for
/// the signed result document (<c>ResultRequested.v1</c>: the decision's text is the last task's comment, else <c>note</c>;
/// <c>documents</c>, default the last task's attachments; the delivery the applicant chose) and the step waits for
/// <c>ResultIssued</c>. Then the applicant is told the result is ready (<c>result-ready</c>). Port: "Done".
/// Status 10 "result returned" is for a later step, once the applicant has it (<c>ResultDelivered</c>).
/// </summary>
public sealed class IssueResult : OneStopActivity, IReportsDossierStatus
{
    /// <inheritdoc />
    public override string Type => "PublicServices.IssueResult";

    /// <inheritdoc />
    public override bool IsWaiting => true;

    /// <inheritdoc />
    public DossierStatus? ReportedStatus(ActivityNode node) => DossierStatus.Processed;

    /// <inheritdoc />
    public override ActivityResult Execute(ActivityContext context)
    {
        var documents = context.Activity.Input("documents") is not null
            ? context.GetList("documents")
            : ValueConvert.ToStringList(context.LastTask?["attachments"]);
        var note = context.GetText("note") ?? ValueConvert.ToText(context.LastTask?["comment"]);
        DossierStatusReport.Report(context, DossierStatus.Processed, note: note);
        context.Emit(WorkflowEffects.ResultRequested, new JsonObject
        {
            ["dossierId"] = context.CorrelationId,
            ["code"] = context.Reference,
            ["procedureCode"] = context.Input["procedureCode"]?.DeepClone(),
            ["agencyCode"] = context.Unit,
            ["applicantId"] = context.Input["applicantId"]?.DeepClone(),
            ["decision"] = "approved",
            ["note"] = ValueConvert.ToText(context.LastTask?["comment"]) ?? note,
            ["documentIds"] = new JsonArray([.. documents.Select(d => (JsonNode?)d)]),
            ["deliveryMethod"] = ValueConvert.ToText(context.Input["deliveryMethod"]) ?? ResultDelivery.Online,
            ["deliveryAddress"] = context.Input["deliveryAddress"]?.DeepClone(),
            ["decidedAt"] = context.Now,
        });
        context.Record("documents", new JsonArray([.. documents.Select(d => (JsonNode?)d)]));
        return ActivityResult.Suspend(new EventWait(ResultIssuedV1.EventName));
    }

    /// <summary>Payload: <c>ResultIssued.v1</c> (dossierId, resultId, sha256, issuedAt).</summary>
    public override ActivityResult Resume(ActivityContext context, JsonNode? payload)
    {
        context.SetLastEvent(payload as JsonObject);
        context.Record("resultId", payload?["resultId"]?.DeepClone());
        Notify.Applicant(context, "result-ready");
        return ActivityResult.Done;
    }
}
