using System.Text.Json;
using PublicServices.Dossiers.Drafts;
using PublicServices.ServiceDefaults;

namespace PublicServices.Dossiers.Submission;

/// <summary>The shape every submission and draft must have before anything else is looked at.</summary>
public static class InputRules
{
    public const int MaxProcedureCodeLength = 50;

    public static Dictionary<string, List<string>> Check(string? procedureCode, JsonElement? formData,
        IReadOnlyList<DocumentRef?>? documents, DossiersOptions limits, bool procedureRequired = true)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (procedureRequired && string.IsNullOrWhiteSpace(procedureCode))
            errors["procedureCode"] = [Problems.Text("Mã thủ tục là bắt buộc.", "The procedure code is required.")];
        else if (procedureCode is { Length: > MaxProcedureCodeLength })
            errors["procedureCode"] = [Problems.Text("Mã thủ tục quá dài.", "The procedure code is too long.")];
        if (formData is not { ValueKind: JsonValueKind.Object } form)
            errors[FormValidator.Root] = [Problems.Text("Dữ liệu biểu mẫu phải là một đối tượng JSON.", "The form data must be a JSON object.")];
        else if (form.GetRawText().Length > limits.MaxFormDataLength)
            errors[FormValidator.Root] = [Problems.Text($"Dữ liệu biểu mẫu quá lớn (tối đa {limits.MaxFormDataLength} ký tự).",
                $"The form data is too large (at most {limits.MaxFormDataLength} characters).")];
        if (documents is { Count: var n } && n > limits.MaxDocuments)
            errors[RequiredDocumentsRule.Field] = [Problems.Text($"Tối đa {limits.MaxDocuments} giấy tờ.", $"At most {limits.MaxDocuments} documents.")];
        else
            for (var i = 0; i < (documents?.Count ?? 0); i++)
                if (documents![i] is not { RequirementCode.Length: > 0 and <= MaxProcedureCodeLength } d || d.DocumentId == Guid.Empty)
                    errors[$"{RequiredDocumentsRule.Field}[{i}]"] = [Problems.Text("Mỗi giấy tờ cần có requirementCode và documentId.",
                        "Each document needs a requirementCode and a documentId.")];
        return errors;
    }

    public static IDictionary<string, string[]> AsProblemErrors(this Dictionary<string, List<string>> errors) =>
        errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}
