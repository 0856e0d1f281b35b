using Microsoft.Extensions.Localization;
using PublicServices.Contracts.Dossiers;
using PublicServices.Contracts.Events;
using PublicServices.Dossiers.Resources;

namespace PublicServices.Dossiers.Events;

/// <summary>
/// What a status change must carry: a known dossier status, its time and actor, texts within the columns' sizes,
/// and a reason when the dossier is not received or a supplement is requested, as the one-stop rules require.
/// Errors are keyed "payload.&lt;field&gt;". Whether the change is allowed from the dossier's status is
/// <see cref="DossierStatusMachine"/>'s call.
/// </summary>
public static class StatusChangeRules
{
    public const int MaxTextLength = 2000;
    public const int MaxActorIdLength = 200;
    public const int MaxActorNameLength = 300;
    public const int MaxRequestedDocuments = 50;

    public static Dictionary<string, string[]> Check(DossierStatusChangedV1 change, IStringLocalizer<Messages> text)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Add(string field, string message) => errors[$"payload.{field}"] = [message];

        if (change.DossierId == Guid.Empty)
            Add("dossierId", text["Event.DossierIdRequired"]);
        if (!DossierStatusMachine.IsDefined(change.Status))
            Add("status", text["Event.StatusRange"]);
        if (change.At == default)
            Add("at", text["Event.TimeRequired"]);
        if (string.IsNullOrWhiteSpace(change.ActorId) || change.ActorId.Length > MaxActorIdLength)
            Add("actorId", text["Event.ActorRequired", MaxActorIdLength]);
        if (change.ActorName is { Length: > MaxActorNameLength })
            Add("actorName", text["Event.ActorNameTooLong", MaxActorNameLength]);
        if (change.Note is { Length: > MaxTextLength })
            Add("note", text["Event.NoteTooLong", MaxTextLength]);
        if (change.Reason is { Length: > MaxTextLength } || change.Supplement?.Reason is { Length: > MaxTextLength })
            Add("reason", text["Event.ReasonTooLong", MaxTextLength]);
        if (change.Supplement?.Documents is { } codes
            && (codes.Count > MaxRequestedDocuments || codes.Any(c => string.IsNullOrWhiteSpace(c) || c.Length > 50)))
            Add("supplement.documents", text["Event.BadSupplementDocuments"]);
        if (change.Status is (int)DossierStatus.NotReceived or (int)DossierStatus.SupplementRequested
            && string.IsNullOrWhiteSpace(ReasonOf(change)))
            Add("reason", text["Event.ReasonRequired"]);
        return errors;
    }

    /// <summary>The reason to show: the change's own, else the supplement request's.</summary>
    public static string? ReasonOf(DossierStatusChangedV1 change) =>
        string.IsNullOrWhiteSpace(change.Reason) ? change.Supplement?.Reason : change.Reason;
}
