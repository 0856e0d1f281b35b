using System.Text.Json.Nodes;
using PublicServices.Workflows.Definitions;
using PublicServices.Workflows.Expressions;

namespace PublicServices.Workflows.Activities.Domain;

/// <summary>
/// <c>PublicServices.TransferAgency</c>: the dossier moves to <c>agencyCode</c>; later tasks for "$dossier" go to
/// that agency's officers. Emits <c>DossierTransferred.v1</c>. Port: "Done".
/// </summary>
public sealed class TransferAgency : WorkflowActivity
{
    /// <inheritdoc />
    public override string Type => "PublicServices.TransferAgency";

    /// <inheritdoc />
    public override IEnumerable<ValidationProblem> Validate(ActivityNode node)
    {
        if (node.Input("agencyCode") is not { } a || (a.Type == InputExpression.Literal && string.IsNullOrWhiteSpace(ValueConvert.ToText(a.Value))))
            yield return Problem(node, "Chuyển hồ sơ phải chỉ rõ cơ quan nhận (agencyCode).", "The transfer must name the receiving agency.");
    }

    /// <inheritdoc />
    public override ActivityResult Execute(ActivityContext context)
    {
        var to = context.GetText("agencyCode")?.Trim();
        if (string.IsNullOrEmpty(to)) throw new InvalidOperationException($"TransferAgency '{context.Activity.Id}' has no agency code.");
        var from = context.AgencyCode;
        context.SetAgency(to);
        context.Emit(EffectTypes.DossierTransferred, new JsonObject
        {
            ["dossierId"] = context.CorrelationId,
            ["fromAgency"] = from,
            ["toAgency"] = to,
            ["at"] = context.Now.ToUniversalTime(),
            ["actorId"] = context.Actor.Id,
            ["actorName"] = context.Actor.Name,
            ["note"] = context.GetText("note"),
        });
        context.Record("from", from);
        context.Record("to", to);
        return ActivityResult.Done;
    }
}
