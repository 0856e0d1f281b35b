using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PublicServices.Web.Clients;
using PublicServices.Web.Domain;
using PublicServices.Web.Resources;

namespace PublicServices.Web.Pages.Officer;

/// <summary>
/// A task and its dossier: the answers, the documents (PDFs and images open in the browser), the timeline; then the
/// decision (an outcome the task offers, a comment, the documents to supply when asking for a supplement) and the
/// apology letter with a new date when the dossier will be late. The workflow service checks the officer's agency
/// and role on every call.
/// </summary>
public sealed class TaskModel(IWorkflowClient workflow, IDossiersClient dossiers, CatalogReads catalog, TimeProvider clock,
    IStringLocalizer<Messages> text) : PortalPage(text)
{
    public WorkTask Task { get; private set; } = null!;
    public Dossier? Dossier { get; private set; }
    public Procedure? Procedure { get; private set; }
    public FormModel? Form { get; private set; }
    public string? Outcome { get; private set; }
    public string? Comment { get; private set; }
    public IReadOnlyList<string> SupplementDocuments { get; private set; } = [];
    public string? NewDate { get; private set; }
    public string? ApologyReason { get; private set; }
    public string? Notice { get; private set; }
    public DateTimeOffset Now { get; } = clock.GetUtcNow();

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
            return NotFound();
        Notice = TempData["Notice"] as string;
        return Page();
    }

    /// <summary>Supplement requests and refusals state their reasons (the one-stop rules), so those outcomes need a comment.</summary>
    public static bool NeedsReason(string outcome) =>
        outcome.Contains("supplement", StringComparison.Ordinal) || outcome.Contains("refuse", StringComparison.Ordinal)
        || outcome.Contains("reject", StringComparison.Ordinal);

    public static bool AsksSupplement(string outcome) => outcome.Contains("supplement", StringComparison.Ordinal);

    public async Task<IActionResult> OnPostCompleteAsync(Guid id, string? outcome, string? comment, string[]? documents)
    {
        if (!await LoadAsync(id))
            return NotFound();
        (Outcome, Comment, SupplementDocuments) = (outcome, comment?.Trim(), documents ?? []);
        if (outcome is null || !Task.Outcomes.Contains(outcome))
        {
            AddError("outcome", Text["Task.OutcomeRequired"]);
            return Invalid();
        }
        if (NeedsReason(outcome) && string.IsNullOrEmpty(Comment))
        {
            AddError("comment", Text["Task.ReasonRequired"]);
            return Invalid();
        }
        if (Task.Status == "open")
        {
            var claimed = await workflow.ClaimAsync(id, HttpContext.RequestAborted);
            if (!claimed.IsSuccessStatusCode && claimed.StatusCode != System.Net.HttpStatusCode.Conflict)
            {
                AddProblem(claimed.Error);
                return Invalid();
            }
        }
        JsonElement? data = AsksSupplement(outcome) ? JsonSerializer.SerializeToElement(new { documents = SupplementDocuments }) : null;
        var done = await workflow.CompleteAsync(id, new TaskCompletion(outcome, Comment, [], data), HttpContext.RequestAborted);
        if (!done.IsSuccessStatusCode)
        {
            AddProblem(done.Error);
            return Invalid();
        }
        TempData["Notice"] = Text["Task.Done", Task.DossierCode ?? ""].Value;
        return Redirect("/officer");
    }

    public async Task<IActionResult> OnPostApologyAsync(Guid id, string? newDate, string? reason)
    {
        if (!await LoadAsync(id))
            return NotFound();
        (NewDate, ApologyReason) = (newDate?.Trim(), reason?.Trim());
        DateOnly date = default;
        if (string.IsNullOrEmpty(NewDate) || !DateOnly.TryParseExact(NewDate, ["d/M/yyyy", "dd/MM/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
            AddError("newDate", Text["Form.Date", Text["Apology.NewDate"]]);
        if (string.IsNullOrEmpty(ApologyReason))
            AddError("reason", Text["Apology.ReasonRequired"]);
        if (Errors.Count > 0)
            return Invalid();
        // The end of that day in Vietnam.
        var due = new DateTimeOffset(date.ToDateTime(new TimeOnly(17, 0)), Display.VietnamOffset);
        var sent = await workflow.ApologiseAsync(id, new Apology(due, ApologyReason!), HttpContext.RequestAborted);
        if (!sent.IsSuccessStatusCode)
        {
            AddProblem(sent.Error);
            if (Errors.Keys.FirstOrDefault(k => k.Length > 0 && k != "newDate" && k != "reason") is { } other)
            {
                Errors["newDate"] = Errors[other];
                Errors.Remove(other);
            }
            return Invalid();
        }
        TempData["Notice"] = Text["Apology.Sent"].Value;
        return Redirect($"/officer/tasks/{id}");
    }

    async Task<bool> LoadAsync(Guid id)
    {
        var cancel = HttpContext.RequestAborted;
        var task = await workflow.TaskAsync(id, cancel);
        if (task.Content is not { } t)
            return false;
        Task = t;
        if (Guid.TryParse(t.CorrelationId, out var dossierId) && (await dossiers.GetAsync(dossierId, cancel)).Content is { } d)
        {
            Dossier = d;
            if (await catalog.ProcedureAsync(d.ProcedureCode, cancel) is { } p)
                (Procedure, Form) = (p, FormModel.From(p.FormSchema));
        }
        return true;
    }

    public string OutcomeLabel(string outcome) => Text["Outcome." + outcome] is { ResourceNotFound: false } label ? label : outcome;

    public string RequirementName(string code) =>
        Procedure?.RequiredDocuments.FirstOrDefault(r => r.Code == code) is { } r ? Display.Pick(r.NameVi, r.NameEn) : code;
}
