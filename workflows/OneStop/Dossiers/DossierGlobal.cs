using System.Text.Json.Nodes;
using PublicServices.WorkflowEngine.Execution;

namespace PublicServices.OneStop.Dossiers;

/// <summary>
/// The script global <c>dossier</c>: <c>id, code, agencyCode, status, statutoryWorkingDays, dueAt</c> of the dossier
/// the instance handles (e.g. <c>(dossier.statutoryWorkingDays || 3) / 2</c> for a step's budget).
/// </summary>
public sealed class DossierGlobal : IWorkflowGlobal
{
    /// <inheritdoc />
    public string Name => "dossier";

    /// <inheritdoc />
    public JsonNode? Value(IInstanceData instance) => new JsonObject
    {
        ["id"] = instance.CorrelationId,
        ["code"] = instance.Reference,
        ["agencyCode"] = instance.Unit,
        ["status"] = instance.HasReportedStatus() ? (int)instance.Status() : null,
        ["statutoryWorkingDays"] = instance.StatutoryWorkingDays(),
        ["dueAt"] = instance.Clock()?.DueAt,
    };
}
