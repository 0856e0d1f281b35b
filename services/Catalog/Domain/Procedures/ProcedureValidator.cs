using System.Text.Json;
using System.Text.RegularExpressions;
using PublicServices.Catalog.Data;
using PublicServices.ServiceDefaults;

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

    /// <summary>National procedure codes look like 1.001193 or 2.000488.</summary>
    [GeneratedRegex(@"^[0-9]{1,2}\.[0-9]{6}$")]
    public static partial Regex CodePattern();

    /// <summary>Codes of documents, fees and workflow definitions: lower-case words joined by hyphens.</summary>
    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)*$")]
    public static partial Regex SlugPattern();

    public static Dictionary<string, string[]> Validate(string code, ProcedureInput input, bool agencyExists,
        out ProcedureDefinition? definition)
    {
        var errors = new Errors();
        definition = null;

        if (!CodePattern().IsMatch(code))
            errors.Add("code", "Mã thủ tục phải có dạng 1.001193.", "The procedure code must look like 1.001193.");
        var nameVi = Name(input.NameVi, "nameVi", errors);
        var nameEn = Name(input.NameEn, "nameEn", errors);

        var agencyCode = input.AgencyCode?.Trim();
        if (string.IsNullOrEmpty(agencyCode))
            errors.Add("agencyCode", "Cần nêu cơ quan thực hiện.", "The agency is required.");
        else if (!agencyExists)
            errors.Add("agencyCode", $"Không có cơ quan mã {agencyCode}.", $"There is no agency with code {agencyCode}.");

        if (input.Level is not (3 or 4))
            errors.Add("level", "Mức độ dịch vụ phải là 3 hoặc 4.", "The service level must be 3 or 4.");

        string? schema = null;
        if (input.FormSchema is not { } formSchema || formSchema.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
            errors.Add("formSchema", "Cần có biểu mẫu (JSON Schema).", "The form (a JSON Schema) is required.");
        else
        {
            var issues = FormSchemaRules.Check(formSchema);
            foreach (var issue in issues)
                errors.Add(issue.Path.Length == 0 ? "formSchema" : $"formSchema.{issue.Path}", issue.Vi, issue.En);
            if (issues.Count == 0)
                schema = FormSchemaRules.ToText(formSchema);
        }

        var documents = Documents(input.RequiredDocuments, errors);
        var fees = Fees(input.Fees, errors);

        if (input.StatutoryWorkingDays is not (>= 1 and <= MaxWorkingDays))
            errors.Add("statutoryWorkingDays", $"Thời hạn giải quyết phải từ 1 đến {MaxWorkingDays} ngày làm việc.",
                $"The statutory time must be from 1 to {MaxWorkingDays} working days.");

        var legalBasis = input.LegalBasis?.Trim();
        if (string.IsNullOrEmpty(legalBasis))
            errors.Add("legalBasis", "Cần nêu căn cứ pháp lý.", "The legal basis is required.");
        else if (legalBasis.Length > MaxLegalBasisLength)
            errors.Add("legalBasis", $"Căn cứ pháp lý dài tối đa {MaxLegalBasisLength} ký tự.", $"The legal basis may be at most {MaxLegalBasisLength} characters long.");

        var workflow = input.WorkflowDefinitionId?.Trim();
        if (string.IsNullOrEmpty(workflow) || workflow.Length > 100 || !SlugPattern().IsMatch(workflow))
            errors.Add("workflowDefinitionId", "Mã quy trình gồm chữ thường, chữ số và dấu gạch ngang (ví dụ one-stop-standard).",
                "The workflow id is lower-case letters, digits and hyphens (for example one-stop-standard).");

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
            errors.Add(path, "Cần nêu tên.", "The name is required.");
        else if (name.Length > MaxNameLength)
            errors.Add(path, $"Tên dài tối đa {MaxNameLength} ký tự.", $"The name may be at most {MaxNameLength} characters long.");
        return name;
    }

    static string? Code(string? value, string path, HashSet<string> seen, Errors errors)
    {
        var code = value?.Trim();
        if (string.IsNullOrEmpty(code) || code.Length > 64 || !SlugPattern().IsMatch(code))
            errors.Add(path, "Mã gồm chữ thường, chữ số và dấu gạch ngang, tối đa 64 ký tự.", "The code is lower-case letters, digits and hyphens, at most 64 characters.");
        else if (!seen.Add(code))
            errors.Add(path, $"Mã {code} bị trùng.", $"The code {code} is used twice.");
        return code;
    }

    static List<RequiredDocument> Documents(IReadOnlyList<RequiredDocumentInput?>? inputs, Errors errors)
    {
        var documents = new List<RequiredDocument>();
        if (inputs is null)
        {
            errors.Add("requiredDocuments", "Cần nêu danh sách giấy tờ (có thể rỗng).", "The list of documents is required (it may be empty).");
            return documents;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < inputs.Count; i++)
        {
            var prefix = $"requiredDocuments[{i}].";
            if (inputs[i] is not { } d)
            {
                errors.Add($"requiredDocuments[{i}]", "Giấy tờ không được để trống.", "A document may not be empty.");
                continue;
            }
            var code = Code(d.Code, prefix + "code", seen, errors);
            var nameVi = Name(d.NameVi, "nameVi", errors, prefix);
            var nameEn = Name(d.NameEn, "nameEn", errors, prefix);
            if (d.Mandatory is null)
                errors.Add(prefix + "mandatory", "Cần nêu giấy tờ có bắt buộc hay không.", "State whether the document is mandatory.");
            var types = (d.AcceptedTypes ?? []).Select(t => t?.Trim().ToLowerInvariant()).ToList();
            if (types.Count == 0 || types.Any(t => t is null || !DocumentTypes.Allowed.Contains(t)) || types.Distinct().Count() != types.Count)
                errors.Add(prefix + "acceptedTypes", $"Loại tệp phải là một hoặc nhiều loại khác nhau trong: {string.Join(", ", DocumentTypes.Allowed)}.",
                    $"The file types must be one or more distinct types among: {string.Join(", ", DocumentTypes.Allowed)}.");
            if (d.MaxSizeBytes is not > 0)
                errors.Add(prefix + "maxSizeBytes", "Dung lượng tối đa phải lớn hơn 0 byte.", "The maximum size must be greater than 0 bytes.");
            if (errors.Count == 0)
                documents.Add(new RequiredDocument(code!, nameVi!, nameEn!, d.Mandatory!.Value, types!, d.MaxSizeBytes!.Value));
        }
        return documents;
    }

    static List<Fee> Fees(IReadOnlyList<FeeInput?>? inputs, Errors errors)
    {
        var fees = new List<Fee>();
        if (inputs is null)
        {
            errors.Add("fees", "Cần nêu danh sách phí, lệ phí (có thể rỗng).", "The list of fees is required (it may be empty).");
            return fees;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < inputs.Count; i++)
        {
            var prefix = $"fees[{i}].";
            if (inputs[i] is not { } f)
            {
                errors.Add($"fees[{i}]", "Khoản phí không được để trống.", "A fee may not be empty.");
                continue;
            }
            var code = Code(f.Code, prefix + "code", seen, errors);
            var nameVi = Name(f.NameVi, "nameVi", errors, prefix);
            var nameEn = Name(f.NameEn, "nameEn", errors, prefix);
            if (f.Amount is not (>= 0 and <= MaxFeeAmount))
                errors.Add(prefix + "amount", "Số tiền (VND) phải là số nguyên không âm.", "The amount (VND) must be a whole number, not negative.");
            if (errors.Count == 0)
                fees.Add(new Fee(code!, nameVi!, nameEn!, f.Amount!.Value));
        }
        return fees;
    }

    /// <summary>Field errors with the message picked for the caller's language; several per field are kept.</summary>
    sealed class Errors
    {
        readonly Dictionary<string, List<string>> messages = new(StringComparer.Ordinal);
        public int Count => messages.Count;
        public void Add(string field, string vi, string en)
        {
            if (!messages.TryGetValue(field, out var list))
                messages[field] = list = [];
            list.Add(Problems.Text(vi, en));
        }
        public Dictionary<string, string[]> ToDictionary() => messages.ToDictionary(m => m.Key, m => m.Value.ToArray());
    }
}
