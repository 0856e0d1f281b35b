using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using PublicServices.Web.Apis;
using PublicServices.Web.Clients;
using PublicServices.Web.Domain;
using PublicServices.Web.Resources;

namespace PublicServices.Web.Pages.Officer;

/// <summary>
/// A task and its dossier: the answers, the documents (PDFs and images open in the browser), the decisions taken so far
/// with their attachments, the timeline; then the decision (an outcome the task offers, a comment, the documents to
/// supply when asking for a supplement, attachments), which <see cref="FileEndpoints"/> receives so the files stream
/// through, and the apology letter with a new date when the dossier will be late. The workflow service checks the
/// officer's agency and role on every call.
/// </summary>
public sealed class TaskModel(IWorkflowClient workflow, IDossiersClient dossiers, IDocumentsClient documents, CatalogReads catalog,
    TimeProvider clock, IOptions<WebOptions> options, IStringLocalizer<Messages> text) : PortalPage(text)
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
    /// <summary>The decisions taken so far on this dossier, other than this task's own, oldest first.</summary>
    public IReadOnlyList<WorkTask> Earlier { get; private set; } = [];
    /// <summary>The attachments of this task and of <see cref="Earlier"/> by id; null where the documents service does not show one.</summary>
    public Dictionary<string, UploadedDocument?> Attachments { get; } = new(StringComparer.Ordinal);
    public long AttachmentBytes => options.Value.OfficerFileBytes;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
            return NotFound();
        Notice = TempData["Notice"] as string;
        // A decision FileEndpoints refused comes back with what was sent and its messages.
        if (TempData[FileEndpoints.DecisionKey] is string sent && JsonSerializer.Deserialize<Decision>(sent) is { } refused)
        {
            (Outcome, Comment, SupplementDocuments) = (refused.Outcome, refused.Comment, refused.Documents);
            foreach (var (field, message) in refused.Errors)
                AddError(field, message);
        }
        return Errors.Count > 0 ? Invalid() : Page();
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
        if ((await workflow.DecisionsAsync(id, cancel)).Content is { } decisions)
            Earlier = [.. decisions.Where(d => d.Id != id)];
        foreach (var attachment in Earlier.Append(t).SelectMany(d => d.Attachments ?? []).Distinct(StringComparer.Ordinal))
            Attachments[attachment] = Guid.TryParse(attachment, out var documentId) ? (await documents.GetAsync(documentId, cancel)).Content : null;
        return true;
    }

    /// <summary>A decision's attachments with what the documents service shows of each.</summary>
    public IReadOnlyList<(string Id, UploadedDocument? Document)> AttachmentsOf(WorkTask task) =>
        [.. (task.Attachments ?? []).Select(a => (a, Attachments.GetValueOrDefault(a)))];

    public string OutcomeLabel(string outcome) => Text["Outcome." + outcome] is { ResourceNotFound: false } label ? label : outcome;

    public string RequirementName(string code) =>
        Procedure?.RequiredDocuments.FirstOrDefault(r => r.Code == code) is { } r ? Display.Pick(r.NameVi, r.NameEn) : code;
}
