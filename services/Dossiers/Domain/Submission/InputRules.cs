using System.Text.Json;
using Microsoft.Extensions.Localization;
using PublicServices.Contracts.Dossiers;
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

    public const int MinAddressLength = 10;
    public const int MaxAddressLength = 300;

    /// <summary>The delivery choice: a known method, and for the post an address of 10–300 characters on one line.</summary>
    public static void CheckDelivery(DeliveryInput? delivery, Dictionary<string, List<string>> errors, IStringLocalizer<Messages> text)
    {
        if (delivery is null)
            return;
        if (!ResultDelivery.IsKnown(delivery.Method))
            errors["delivery.method"] = [text["Delivery.Method"]];
        else if (delivery.Method == ResultDelivery.Post)
        {
            var address = delivery.Address?.Trim() ?? "";
            if (address.Length is < MinAddressLength or > MaxAddressLength)
                errors["delivery.address"] = [text["Delivery.Address", MinAddressLength, MaxAddressLength]];
            else if (address.Any(char.IsControl))
                errors["delivery.address"] = [text["Form.ControlCharacters"]];
        }
    }

    /// <summary>The method and address to store: online (no address) unless the post was chosen.</summary>
    public static (string Method, string? Address) Delivery(DeliveryInput? delivery) =>
        delivery is { Method: ResultDelivery.Post } ? (ResultDelivery.Post, delivery.Address!.Trim()) : (ResultDelivery.Online, null);

    public static IDictionary<string, string[]> AsProblemErrors(this Dictionary<string, List<string>> errors) =>
        errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}
