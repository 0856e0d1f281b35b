using System.Text.Json;

namespace PublicServices.Dossiers.Domain.Submission;

/// <summary>
/// A submission (nộp hồ sơ). Every field is nullable so that a missing one gets a field-level message. Without
/// <see cref="Delivery"/> the result is delivered online.
/// </summary>
public sealed record SubmitDossierRequest(string? ProcedureCode, JsonElement? FormData, IReadOnlyList<DocumentRef?>? Documents, Guid? DraftId,
    DeliveryInput? Delivery = null);

/// <summary>How the applicant wants the result: <c>method</c> "online" (downloaded) or "post" with the postal <c>address</c>.</summary>
public sealed record DeliveryInput(string? Method, string? Address);
