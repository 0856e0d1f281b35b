using PublicServices.Dossiers.Domain;
using PublicServices.ServiceDefaults;

namespace PublicServices.Dossiers.Events;

/// <summary>The payload of the DossierStatusChanged v1 event, sent by the workflow service (docs/contracts.md).</summary>
public sealed record DossierStatusChangedV1(Guid DossierId, int Status, DateTimeOffset At, string? ActorId, string? ActorName,
    string? Note, string? Reason, DateTimeOffset? DueAt, SupplementAsked? Supplement)
{
    public const string Type = "DossierStatusChanged.v1";
}

/// <summary>A supplement request inside a status change: why, and which requirement codes to supply.</summary>
public sealed record SupplementAsked(string? Reason, IReadOnlyList<string>? Documents);

/// <summary>
/// What a status change must carry: a known dossier status, its time and actor, texts within the columns' sizes,
/// and a reason when the dossier is not received (3) or a supplement is requested (5), as the one-stop rules
/// require. Errors are keyed "payload.&lt;field&gt;".
/// </summary>
public static class StatusChangeRules
{
    public const int MaxTextLength = 2000;
    public const int MaxActorIdLength = 200;
    public const int MaxActorNameLength = 300;
    public const int MaxRequestedDocuments = 50;

    public static Dictionary<string, string[]> Check(DossierStatusChangedV1 change)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Add(string field, string vi, string en) => errors[$"payload.{field}"] = [Problems.Text(vi, en)];

        if (change.DossierId == Guid.Empty)
            Add("dossierId", "Mã hồ sơ là bắt buộc.", "The dossier id is required.");
        if (!DossierStatusLabels.IsDefined(change.Status))
            Add("status", "Trạng thái phải từ 1 đến 10.", "The status must be between 1 and 10.");
        if (change.At == default)
            Add("at", "Thời điểm là bắt buộc.", "The time is required.");
        if (string.IsNullOrWhiteSpace(change.ActorId) || change.ActorId.Length > MaxActorIdLength)
            Add("actorId", $"Người thực hiện là bắt buộc (tối đa {MaxActorIdLength} ký tự).", $"The actor is required (at most {MaxActorIdLength} characters).");
        if (change.ActorName is { Length: > MaxActorNameLength })
            Add("actorName", $"Tên người thực hiện tối đa {MaxActorNameLength} ký tự.", $"The actor's name may have at most {MaxActorNameLength} characters.");
        if (change.Note is { Length: > MaxTextLength })
            Add("note", $"Ghi chú tối đa {MaxTextLength} ký tự.", $"The note may have at most {MaxTextLength} characters.");
        if (change.Reason is { Length: > MaxTextLength } || change.Supplement?.Reason is { Length: > MaxTextLength })
            Add("reason", $"Lý do tối đa {MaxTextLength} ký tự.", $"The reason may have at most {MaxTextLength} characters.");
        if (change.Supplement?.Documents is { } codes
            && (codes.Count > MaxRequestedDocuments || codes.Any(c => string.IsNullOrWhiteSpace(c) || c.Length > 50)))
            Add("supplement.documents", "Danh sách giấy tờ cần bổ sung không hợp lệ.", "The list of documents to supply is not valid.");
        if (change.Status is (int)DossierStatus.NotReceived or (int)DossierStatus.SupplementRequested
            && string.IsNullOrWhiteSpace(ReasonOf(change)))
            Add("reason", "Từ chối tiếp nhận và yêu cầu bổ sung phải nêu rõ lý do.", "A refusal or a supplement request must state its reason.");
        return errors;
    }

    /// <summary>The reason to show: the change's own, else the supplement request's.</summary>
    public static string? ReasonOf(DossierStatusChangedV1 change) =>
        string.IsNullOrWhiteSpace(change.Reason) ? change.Supplement?.Reason : change.Reason;
}
