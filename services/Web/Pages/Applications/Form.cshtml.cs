using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PublicServices.Web.Clients;
using PublicServices.Web.Domain;
using PublicServices.Web.Resources;

namespace PublicServices.Web.Pages.Applications;

/// <summary>
/// The application form, rendered from the procedure's schema. Saving keeps the answers in the draft even when some
/// are wrong (nothing typed is lost); moving on needs them right, as the dossiers service checks a submission.
/// </summary>
public sealed class FormModelPage(IDossiersClient dossiers, CatalogReads catalog, IStringLocalizer<Messages> text)
    : ApplicationPage(dossiers, catalog, text)
{
    const string AutosaveHeader = "X-Autosave";

    public Dictionary<string, string> Values { get; private set; } = new(StringComparer.Ordinal);
    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
            return NotFound();
        Values = Form.Values(Draft.FormData, withDefaults: Draft.Version == 1 && IsEmpty(Draft.FormData));
        Saved = TempData[SavedKey] is true;
        return Page();
    }

    const string SavedKey = "FormSaved";

    /// <summary>"continue" (default) saves and checks; "save" only saves, to come back later.</summary>
    public async Task<IActionResult> OnPostAsync(Guid id, string? intent)
    {
        if (!await LoadAsync(id))
            return NotFound();
        string? Posted(string name) => Request.Form.TryGetValue(name, out var v) ? v.ToString() : null;
        var (data, typeErrors) = Form.Read(Posted, Text);
        Values = Form.Posted(Posted);
        var element = JsonSerializer.SerializeToElement(data);
        // What could be typed is kept even when other answers are wrong; the wrongly typed ones keep their old value.
        var saved = await SaveAsync(Merge(element, typeErrors.Keys), Draft.Documents);
        if (!saved.IsSuccessStatusCode)
        {
            AddProblem(saved.Error, FormModel.DataPrefix);
            return Invalid();
        }
        // Saved for later: back to the page by GET, so reloading it does not post the form again.
        if (intent == "save" && typeErrors.Count == 0 && !Request.Headers.ContainsKey(AutosaveHeader))
        {
            TempData[SavedKey] = true;
            return Redirect($"/applications/{id}/form");
        }
        foreach (var (field, messages) in typeErrors)
            foreach (var m in messages) AddError(field, m);
        var check = await Dossiers.CheckAsync(new SubmitRequest(Draft.ProcedureCode, element, [], null), HttpContext.RequestAborted);
        if (!check.IsSuccessStatusCode)
            AddProblem(check.Error, FormModel.DataPrefix);
        // One message per question, the first (a wrongly typed answer's own before the service's): one thing to fix at a time.
        foreach (var list in Errors.Values)
            if (list.Count > 1) list.RemoveRange(1, list.Count - 1);
        // The page's script saves as the person types and shows each answer's message by its field as soon as the
        // person leaves it (the same checks as a submission; it decides which fields were touched).
        if (Request.Headers.ContainsKey(AutosaveHeader))
            return new JsonResult(Errors.Where(e => e.Key.Length > 0).ToDictionary(e => WebUi.FieldView.IdFor(e.Key), e => e.Value[0]));
        if (Errors.Count > 0)
            return Invalid();
        return Redirect(Procedure.RequiredDocuments.Count > 0 ? $"/applications/{id}/documents" : $"/applications/{id}/review");
    }

    /// <summary>The error summary in the order of the questions.</summary>
    public override IReadOnlyList<WebUi.ErrorLink> ErrorLinks =>
    [
        .. Errors.Where(e => e.Key.Length == 0 || Form.Questions.All(q => q.Name != e.Key)).SelectMany(e => e.Value.Select(m => new WebUi.ErrorLink(null, m))),
        .. Form.Questions.Where(q => Errors.ContainsKey(q.Name)).SelectMany(q => Errors[q.Name].Select(m => new WebUi.ErrorLink(q.Name, m))),
    ];

    JsonElement Merge(JsonElement posted, IEnumerable<string> keepOld)
    {
        var merged = System.Text.Json.Nodes.JsonNode.Parse(posted.GetRawText())!.AsObject();
        foreach (var name in keepOld)
            if (Draft.FormData.ValueKind == JsonValueKind.Object && Draft.FormData.TryGetProperty(name, out var old))
                merged[name] = System.Text.Json.Nodes.JsonNode.Parse(old.GetRawText());
        return JsonSerializer.SerializeToElement(merged);
    }

    static bool IsEmpty(JsonElement e) => e.ValueKind != JsonValueKind.Object || !e.EnumerateObject().Any();
}
