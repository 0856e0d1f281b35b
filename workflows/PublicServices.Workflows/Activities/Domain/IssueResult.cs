using System.Text.Json.Nodes;
using PublicServices.Workflows.Expressions;

namespace PublicServices.Workflows.Activities.Domain;

/// <summary>
/// <c>PublicServices.IssueResult</c>: the result is issued (status 9, processed). <c>documents</c> (result document
/// ids) default to the last task's attachments and are kept in the journal. Port: "Done".
/// </summary>
public sealed class IssueResult : WorkflowActivity
{
    /// <inheritdoc />
    public override string Type => "PublicServices.IssueResult";

    /// <inheritdoc />
    public override ActivityResult Execute(ActivityContext context)
    {
        var documents = context.Activity.Input("documents") is not null
            ? context.GetList("documents")
            : ValueConvert.ToStringList(context.LastTask?["attachments"]);
        var note = context.GetText("note") ?? ValueConvert.ToText(context.LastTask?["comment"]);
        context.SetDossierStatus(9);
        context.Emit(EffectTypes.DossierStatusChanged, context.DossierStatusPayload(9, note: note));
        context.Record("documents", new JsonArray([.. documents.Select(d => (JsonNode?)d)]));
        return ActivityResult.Done;
    }
}
