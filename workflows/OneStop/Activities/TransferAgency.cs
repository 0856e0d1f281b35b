using System.Text.Json.Nodes;
using PublicServices.Contracts.Events;
using PublicServices.WorkflowEngine.Definitions;
using PublicServices.WorkflowEngine.Execution;

namespace PublicServices.OneStop.Activities;

/// <summary>
/// <c>PublicServices.TransferAgency</c>: the dossier moves to <c>agencyCode</c>; later tasks for "$dossier" go to
/// that agency's officers. Emits <c>DossierTransferred.v1</c>. Port: "Done".
/// </summary>
public sealed class TransferAgency : OneStopActivity
{
    /// <inheritdoc />
    public override string Type => "PublicServices.TransferAgency";

    /// <inheritdoc />
    public override IEnumerable<ValidationProblem> Validate(ActivityNode node)
    {
        if (node.LacksText("agencyCode"))
            yield return Problem(node, "Transfer.NoAgency");
    }

    /// <inheritdoc />
    public override ActivityResult Execute(ActivityContext context)
    {
        var to = context.GetText("agencyCode")?.Trim();
        if (string.IsNullOrEmpty(to)) throw new InvalidOperationException($"TransferAgency '{context.Activity.Id}' has no agency code.");
        var from = context.Unit;
        context.SetUnit(to);
        context.Emit(WorkflowEffects.DossierTransferred, new JsonObject
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
