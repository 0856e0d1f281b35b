using System.Text.Json;
using Microsoft.Extensions.Localization;
using PublicServices.Web.Resources;

namespace PublicServices.Web.Domain;

/// <summary>
/// An officer's decision as the task page sends it, with the rules the page checks before anything is uploaded or
/// sent: an outcome the task offers, and a reason for refusals and supplement requests (the one-stop rules: the
/// applicant reads it). A refused decision travels back to the page whole, with its messages, so the page shows
/// what was sent.
/// </summary>
public sealed record Decision(string? Outcome, string? Comment, IReadOnlyList<string> Documents)
{
    /// <summary>What the documents service takes as an officer's file (it sniffs the content; the page only says so).</summary>
    public static readonly IReadOnlyList<string> AttachmentTypes = ["application/pdf", "image/jpeg", "image/png"];

    /// <summary>Field name → message.</summary>
    public Dictionary<string, string> Errors { get; init; } = new(StringComparer.Ordinal);

    public static bool NeedsReason(string outcome) =>
        outcome.Contains("supplement", StringComparison.Ordinal) || outcome.Contains("refuse", StringComparison.Ordinal)
        || outcome.Contains("reject", StringComparison.Ordinal);

    public static bool AsksSupplement(string outcome) => outcome.Contains("supplement", StringComparison.Ordinal);

    /// <summary>The first rule this decision breaks on a task offering these outcomes, as a field message; none when it is sound.</summary>
    public Decision Checked(IReadOnlyList<string> outcomes, IStringLocalizer<Messages> text)
    {
        if (Outcome is null || !outcomes.Contains(Outcome))
            return With("outcome", text["Task.OutcomeRequired"]);
        return NeedsReason(Outcome) && string.IsNullOrEmpty(Comment) ? With("comment", text["Task.ReasonRequired"]) : this;
    }

    public Decision With(string field, string message) => this with { Errors = new(Errors, StringComparer.Ordinal) { [field] = message } };

    /// <summary>What a supplement request passes on to the workflow: the documents to supply.</summary>
    public JsonElement? Data => Outcome is { } o && AsksSupplement(o) ? JsonSerializer.SerializeToElement(new { documents = Documents }) : null;
}
