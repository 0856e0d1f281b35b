using Microsoft.Extensions.Localization;
using PublicServices.Contracts.Catalog;
using PublicServices.Dossiers.Resources;
using PublicServices.ServiceDefaults;

namespace PublicServices.Dossiers.Domain.Submission;

/// <summary>
/// The documents (thành phần hồ sơ) a submission must carry: at least one for every mandatory requirement of the
/// procedure, each naming a requirement of that procedure, no document twice. Errors are keyed "documents" (the
/// list as a whole) or "documents[REQ]" (one requirement).
/// </summary>
public static class RequiredDocumentsRule
{
    public const string Field = "documents";

    public static Dictionary<string, List<string>> Check(IReadOnlyList<CatalogRequirement> requirements, IReadOnlyList<DocumentRef> documents,
        IStringLocalizer<Messages> text)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var known = requirements.Select(r => r.Code).ToHashSet(StringComparer.Ordinal);
        foreach (var unknown in documents.Select(d => d.RequirementCode ?? "").Where(c => !known.Contains(c)).Distinct(StringComparer.Ordinal))
            Add(errors, Field, text["Documents.NotOfProcedure", unknown]);
        if (documents.GroupBy(d => d.DocumentId).Any(g => g.Count() > 1))
            Add(errors, Field, text["Documents.Duplicate"]);
        var given = documents.Select(d => d.RequirementCode).ToHashSet(StringComparer.Ordinal);
        foreach (var missing in requirements.Where(r => r.Mandatory && !given.Contains(r.Code)))
            Add(errors, $"{Field}[{missing.Code}]", text["Documents.MissingRequired", Languages.Pick(missing.NameVi, missing.NameEn)]);
        return errors;
    }

    static void Add(Dictionary<string, List<string>> errors, string field, string message)
    {
        if (!errors.TryGetValue(field, out var list))
            errors[field] = list = [];
        list.Add(message);
    }
}
