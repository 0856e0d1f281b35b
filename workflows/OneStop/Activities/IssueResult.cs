using System.Text.Json.Nodes;
using PublicServices.Contracts.Dossiers;
using PublicServices.OneStop.Dossiers;
using PublicServices.WorkflowEngine.Definitions;
using PublicServices.WorkflowEngine.Execution;
using PublicServices.WorkflowEngine.Json;

namespace PublicServices.OneStop.Activities;

/// <summary>
/// <c>PublicServices.IssueResult</c>: the result is issued (status "processed"). <c>documents</c> (result document
/// ids) default to the last task's attachments and are kept in the journal. Port: "Done".
/// </summary>
public sealed class IssueResult : OneStopActivity, IReportsDossierStatus
{
    /// <inheritdoc />
    public override string Type => "PublicServices.IssueResult";

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
        context.Record("documents", new JsonArray([.. documents.Select(d => (JsonNode?)d)]));
        return ActivityResult.Done;
    }
}
