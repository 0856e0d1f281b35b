using Microsoft.Extensions.Localization;
using PublicServices.Dossiers.Data;
using PublicServices.Dossiers.Resources;

namespace PublicServices.Dossiers.Domain.Supplements;

/// <summary>
/// The shape of an answer to a supplement request: every document names a requirement and an upload, no upload
/// twice; when the request names documents, each of them is supplied and nothing else; when it names none (an
/// explanation was asked), a note or a document is needed. Errors are keyed "documents", "documents[i]",
/// "documents[CODE]" and "note".
/// </summary>
public static class SupplementRules
{
    public const int MaxRequirementCodeLength = 50;

    public static Dictionary<string, string[]> Check(SupplementRequest request, SubmitSupplementRequest answer, int maxDocuments,
        IStringLocalizer<Messages> text)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var documents = answer.Documents ?? [];
        if (answer.Note is { Length: > Supplement.MaxNoteLength })
            errors["note"] = [text["Supplement.NoteTooLong", Supplement.MaxNoteLength]];
        if (documents.Count > maxDocuments)
        {
            errors["documents"] = [text["Documents.TooMany", maxDocuments]];
            return errors;
        }
        for (var i = 0; i < documents.Count; i++)
            if (!DocumentRef.IsComplete(documents[i], MaxRequirementCodeLength))
                errors[$"documents[{i}]"] = [text["Documents.IncompleteRef"]];
        if (errors.Count > 0)
            return errors;

        var given = documents.OfType<DocumentRef>().ToList();
        var general = new List<string>();
        if (given.GroupBy(d => d.DocumentId).Any(g => g.Count() > 1))
            general.Add(text["Documents.Duplicate"]);
        if (request.Documents.Count > 0)
        {
            foreach (var other in given.Select(d => d.RequirementCode!).Where(c => !request.Documents.Contains(c, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal))
                general.Add(text["Documents.NotAskedFor", other]);
            foreach (var missing in request.Documents.Where(c => given.All(d => d.RequirementCode != c)))
                errors[$"documents[{missing}]"] = [text["Documents.MissingAskedFor", missing]];
        }
        else if (given.Count == 0 && string.IsNullOrWhiteSpace(answer.Note))
            errors["note"] = [text["Supplement.NeedsContent"]];
        if (general.Count > 0)
            errors["documents"] = [.. general];
        return errors;
    }
}
