using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;
using PublicServices.Catalog.Data;
using PublicServices.Catalog.Resources;

namespace PublicServices.Catalog.Domain.Procedures;

/// <summary>
/// The rules a procedure must meet before it is stored: every field present and sensible, a usable form schema,
/// document types among those the documents service accepts. Messages come in the caller's language, keyed by the
/// JSON path of the field ("requiredDocuments[1].acceptedTypes").
/// </summary>
public static partial class ProcedureValidator
{
    public const int MaxNameLength = 500;
    public const int MaxLegalBasisLength = 4000;
    public const int MaxWorkingDays = 365;
    public const long MaxFeeAmount = 1_000_000_000_000;
    const int MaxItemCodeLength = 64;
    const int MaxWorkflowLength = 100;

    /// <summary>National procedure codes look like 1.001193 or 2.000488.</summary>
    [GeneratedRegex(@"^[0-9]{1,2}\.[0-9]{6}$")]
    public static partial Regex CodePattern();

    /// <summary>Codes of documents, fees and workflow definitions: lower-case words joined by hyphens.</summary>
    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)*$")]
    public static partial Regex SlugPattern();

    public static Dictionary<string, string[]> Validate(string code, ProcedureInput input, bool agencyExists,
        IStringLocalizer<Messages> text, out ProcedureDefinition? definition)
    {
        var errors = new Errors(text);
        definition = null;

        if (!CodePattern().IsMatch(code))
            errors.Add("code", "Procedure.CodeFormat");
        var nameVi = Name(input.NameVi, "nameVi", errors);
        var nameEn = Name(input.NameEn, "nameEn", errors);

        var agencyCode = input.AgencyCode?.Trim();
        if (string.IsNullOrEmpty(agencyCode))
            errors.Add("agencyCode", "Procedure.AgencyRequired");
        else if (!agencyExists)
            errors.Add("agencyCode", "Procedure.AgencyUnknown", agencyCode);

        if (input.Level is not (3 or 4))
            errors.Add("level", "Procedure.Level");

        string? schema = null;
        if (input.FormSchema is not { } formSchema || formSchema.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
            errors.Add("formSchema", "Procedure.FormRequired");
        else
        {
            var issues = FormSchemaRules.Check(formSchema, text);
            foreach (var issue in issues)
                errors.AddMessage(issue.Path.Length == 0 ? "formSchema" : $"formSchema.{issue.Path}", issue.Message);
            if (issues.Count == 0)
                schema = FormSchemaRules.ToText(formSchema);
        }

        var documents = Items(input.RequiredDocuments, "requiredDocuments", "Document.ListRequired", "Document.Empty", errors, ReadDocument);
        var fees = Items(input.Fees, "fees", "Fee.ListRequired", "Fee.Empty", errors, ReadFee);

        if (input.StatutoryWorkingDays is not (>= 1 and <= MaxWorkingDays))
            errors.Add("statutoryWorkingDays", "Procedure.WorkingDays", MaxWorkingDays);

        var legalBasis = input.LegalBasis?.Trim();
        if (string.IsNullOrEmpty(legalBasis))
            errors.Add("legalBasis", "Procedure.LegalBasisRequired");
        else if (legalBasis.Length > MaxLegalBasisLength)
            errors.Add("legalBasis", "Procedure.LegalBasisTooLong", MaxLegalBasisLength);

        var workflow = input.WorkflowDefinitionId?.Trim();
        if (string.IsNullOrEmpty(workflow) || workflow.Length > MaxWorkflowLength || !SlugPattern().IsMatch(workflow))
            errors.Add("workflowDefinitionId", "Procedure.WorkflowFormat");

        if (errors.Count == 0)
            definition = new ProcedureDefinition(code, nameVi!, nameEn!, agencyCode!, input.Level!.Value, schema!, documents, fees,
                input.StatutoryWorkingDays!.Value, legalBasis!, workflow!);
        return errors.ToDictionary();
    }

    static string? Name(string? value, string field, Errors errors, string? prefix = null)
    {
        var name = value?.Trim();
        var path = prefix + field;
        if (string.IsNullOrEmpty(name))
            errors.Add(path, "Procedure.NameRequired");
        else if (name.Length > MaxNameLength)
            errors.Add(path, "Procedure.NameTooLong", MaxNameLength);
        return name;
    }

    static string? Code(string? value, string path, HashSet<string> seen, Errors errors)
    {
        var code = value?.Trim();
        if (string.IsNullOrEmpty(code) || code.Length > MaxItemCodeLength || !SlugPattern().IsMatch(code))
            errors.Add(path, "Procedure.ItemCodeFormat", MaxItemCodeLength);
        else if (!seen.Add(code))
            errors.Add(path, "Procedure.ItemCodeTwice", code);
        return code;
    }

    /// <summary>
    /// A list of documents or fees: the list itself is required (it may be empty), no item may be null, and item
    /// codes are unique within the list. Items are built only while nothing at all is wrong.
    /// </summary>
    static List<T> Items<TInput, T>(IReadOnlyList<TInput?>? inputs, string field, string listRequired, string itemEmpty, Errors errors,
        Func<TInput, string, HashSet<string>, Errors, T?> read) where TInput : class where T : class
    {
        var items = new List<T>();
        if (inputs is null)
        {
            errors.Add(field, listRequired);
            return items;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < inputs.Count; i++)
        {
            if (inputs[i] is not { } input)
            {
                errors.Add($"{field}[{i}]", itemEmpty);
                continue;
            }
            if (read(input, $"{field}[{i}].", seen, errors) is { } item && errors.Count == 0)
                items.Add(item);
        }
        return items;
    }

    static RequiredDocument? ReadDocument(RequiredDocumentInput d, string prefix, HashSet<string> seen, Errors errors)
    {
        var code = Code(d.Code, prefix + "code", seen, errors);
        var nameVi = Name(d.NameVi, "nameVi", errors, prefix);
        var nameEn = Name(d.NameEn, "nameEn", errors, prefix);
        if (d.Mandatory is null)
            errors.Add(prefix + "mandatory", "Document.MandatoryRequired");
        var types = (d.AcceptedTypes ?? []).Select(t => t?.Trim().ToLowerInvariant()).ToList();
        if (types.Count == 0 || types.Any(t => t is null || !DocumentTypes.Allowed.Contains(t)) || types.Distinct().Count() != types.Count)
            errors.Add(prefix + "acceptedTypes", "Document.Types", string.Join(", ", DocumentTypes.Allowed));
        if (d.MaxSizeBytes is not > 0)
            errors.Add(prefix + "maxSizeBytes", "Document.MaxSize");
        return errors.Count == 0 ? new RequiredDocument(code!, nameVi!, nameEn!, d.Mandatory!.Value, types!, d.MaxSizeBytes!.Value) : null;
    }

    static Fee? ReadFee(FeeInput f, string prefix, HashSet<string> seen, Errors errors)
    {
        var code = Code(f.Code, prefix + "code", seen, errors);
        var nameVi = Name(f.NameVi, "nameVi", errors, prefix);
        var nameEn = Name(f.NameEn, "nameEn", errors, prefix);
        if (f.Amount is not (>= 0 and <= MaxFeeAmount))
            errors.Add(prefix + "amount", "Fee.Amount");
        var due = f.Due?.Trim() ?? Fee.AtSubmission;
        if (due is not (Fee.AtSubmission or Fee.BeforeResult))
            errors.Add(prefix + "due", "Fee.Due", Fee.AtSubmission, Fee.BeforeResult);
        return errors.Count == 0 ? new Fee(code!, nameVi!, nameEn!, f.Amount!.Value, due) : null;
    }

    /// <summary>Field errors in the caller's language; several per field are kept.</summary>
    sealed class Errors(IStringLocalizer<Messages> text)
    {
        readonly Dictionary<string, List<string>> messages = new(StringComparer.Ordinal);
        public int Count => messages.Count;
        public void Add(string field, string key, params object[] arguments) => AddMessage(field, text[key, arguments]);
        public void AddMessage(string field, string message)
        {
            if (!messages.TryGetValue(field, out var list))
                messages[field] = list = [];
            list.Add(message);
        }
        public Dictionary<string, string[]> ToDictionary() => messages.ToDictionary(m => m.Key, m => m.Value.ToArray(), StringComparer.Ordinal);
    }
}
