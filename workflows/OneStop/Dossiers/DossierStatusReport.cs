using System.Text.Json.Nodes;
using PublicServices.Contracts.Dossiers;
using PublicServices.Contracts.Events;
using PublicServices.WorkflowEngine.Execution;

namespace PublicServices.OneStop.Dossiers;

/// <summary>
/// How a step reports the dossier's national status to the dossiers service: the change must be one the status
/// machine allows (a workflow that tries another faults with an incident an administrator sees), it is kept on the
/// instance, and a <c>DossierStatusChanged.v1</c> effect carries it out with the due date in force.
/// </summary>
public static class DossierStatusReport
{
    /// <summary>Reports <paramref name="status"/> from a step.</summary>
    /// <exception cref="InvalidOperationException">The status machine does not allow the change.</exception>
    public static void Report(ActivityContext context, DossierStatus status, string? note = null, string? reason = null, JsonObject? supplement = null)
    {
        var from = context.Status();
        if (!DossierStatusMachine.Allows(from, status))
            throw new InvalidOperationException($"The dossier is {from} ({(int)from}); the status machine does not allow {status} ({(int)status}) after it.");
        context.SetStatus(status);
        context.Emit(DossierStatusChangedV1.Type, Payload(context, status, note, reason, supplement));
    }

    /// <summary>A <c>DossierStatusChanged.v1</c> payload with this step's actor, time and due date (docs/contracts.md).</summary>
    public static JsonObject Payload(IInstanceData instance, DossierStatus status, string? note, string? reason, JsonObject? supplement) => new()
    {
        ["dossierId"] = instance.CorrelationId,
        ["status"] = (int)status,
        ["at"] = instance.Now.ToUniversalTime(),
        ["actorId"] = instance.Actor.Id,
        ["actorName"] = instance.Actor.Name,
        ["note"] = note,
        ["reason"] = reason,
        ["dueAt"] = instance.Clock() is { IsPaused: false } clock ? clock.DueAt.ToUniversalTime() : null,
        ["supplement"] = supplement,
    };
}
