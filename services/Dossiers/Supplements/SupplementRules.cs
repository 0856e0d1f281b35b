using PublicServices.Dossiers.Domain;
using PublicServices.Dossiers.Drafts;
using PublicServices.ServiceDefaults;

namespace PublicServices.Dossiers.Supplements;

/// <summary>
/// The shape of an answer to a supplement request: every document names a requirement and an upload, no upload
/// twice; when the request names documents, each of them is supplied and nothing else; when it names none (an
/// explanation was asked), a note or a document is needed. Errors are keyed "documents", "documents[i]",
/// "documents[CODE]" and "note".
/// </summary>
public static class SupplementRules
{
    public const int MaxNoteLength = 2000;
    public const int MaxRequirementCodeLength = 50;

    public static Dictionary<string, string[]> Check(SupplementRequest request, SubmitSupplementRequest answer, int maxDocuments)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var documents = answer.Documents ?? [];
        if (answer.Note is { Length: > MaxNoteLength })
            errors["note"] = [Problems.Text($"Ghi chú tối đa {MaxNoteLength} ký tự.", $"The note may have at most {MaxNoteLength} characters.")];
        if (documents.Count > maxDocuments)
        {
            errors["documents"] = [Problems.Text($"Tối đa {maxDocuments} giấy tờ.", $"At most {maxDocuments} documents.")];
            return errors;
        }
        for (var i = 0; i < documents.Count; i++)
            if (documents[i] is not { RequirementCode.Length: > 0 and <= MaxRequirementCodeLength } d || d.DocumentId == Guid.Empty)
                errors[$"documents[{i}]"] = [Problems.Text("Mỗi giấy tờ cần có requirementCode và documentId.",
                    "Each document needs a requirementCode and a documentId.")];
        if (errors.Count > 0)
            return errors;

        var given = documents.OfType<DocumentRef>().ToList();
        var general = new List<string>();
        if (given.GroupBy(d => d.DocumentId).Any(g => g.Count() > 1))
            general.Add(Problems.Text("Một giấy tờ được khai nhiều lần.", "The same document is listed more than once."));
        if (request.Documents.Count > 0)
        {
            foreach (var other in given.Select(d => d.RequirementCode!).Where(c => !request.Documents.Contains(c)).Distinct())
                general.Add(Problems.Text($"Giấy tờ \"{other}\" không nằm trong yêu cầu bổ sung.", $"The document type \"{other}\" was not asked for."));
            foreach (var missing in request.Documents.Where(c => given.All(d => d.RequirementCode != c)))
                errors[$"documents[{missing}]"] = [Problems.Text($"Chưa nộp giấy tờ được yêu cầu bổ sung: {missing}.",
                    $"A document asked for is missing: {missing}.")];
        }
        else if (given.Count == 0 && string.IsNullOrWhiteSpace(answer.Note))
            errors["note"] = [Problems.Text("Cần có giải trình hoặc giấy tờ bổ sung.", "An explanation or a document is needed.")];
        if (general.Count > 0)
            errors["documents"] = [.. general];
        return errors;
    }
}
