using System.Text.Json;
using Microsoft.Extensions.Localization;
using PublicServices.Dossiers.Resources;

namespace PublicServices.Dossiers.Domain.Submission;

/// <summary>The shape every submission and draft must have before anything else is looked at.</summary>
public static class InputRules
{
    public const int MaxProcedureCodeLength = 50;

    public static Dictionary<string, List<string>> Check(string? procedureCode, JsonElement? formData, IReadOnlyList<DocumentRef?>? documents,
        DossiersOptions limits, IStringLocalizer<Messages> text, bool procedureRequired = true)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (procedureRequired && string.IsNullOrWhiteSpace(procedureCode))
            errors["procedureCode"] = [text["Input.ProcedureRequired"]];
        else if (procedureCode is { Length: > MaxProcedureCodeLength })
            errors["procedureCode"] = [text["Input.ProcedureTooLong"]];
        if (formData is not { ValueKind: JsonValueKind.Object } form)
            errors[FormValidator.Root] = [text["Input.FormNotObject"]];
        else if (form.GetRawText().Length > limits.MaxFormDataLength)
            errors[FormValidator.Root] = [text["Input.FormTooLarge", limits.MaxFormDataLength]];
        if (documents is { Count: var n } && n > limits.MaxDocuments)
            errors[RequiredDocumentsRule.Field] = [text["Documents.TooMany", limits.MaxDocuments]];
        else
            for (var i = 0; i < (documents?.Count ?? 0); i++)
                if (!DocumentRef.IsComplete(documents![i], MaxProcedureCodeLength))
                    errors[$"{RequiredDocumentsRule.Field}[{i}]"] = [text["Documents.IncompleteRef"]];
        return errors;
    }

    public static IDictionary<string, string[]> AsProblemErrors(this Dictionary<string, List<string>> errors) =>
        errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}
