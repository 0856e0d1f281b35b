using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PublicServices.Contracts.Dossiers;
using PublicServices.Web.Clients;
using PublicServices.Web.Domain;
using PublicServices.Web.Resources;

namespace PublicServices.Web.Pages.Dossiers;

/// <summary>
/// A dossier for its applicant: status timeline, due date, answers, documents, and the answer to a supplement request
/// (files and a note, sent by <see cref="Apis.FileEndpoints"/>). Anyone else's dossier is not found: the dossiers
/// service decides, and answers 404 rather than revealing that it exists.
/// </summary>
public sealed class DetailModel(IDossiersClient dossiers, CatalogReads catalog, IStringLocalizer<Messages> text) : PortalPage(text)
{
    public Dossier Dossier { get; private set; } = null!;
    public Procedure? Procedure { get; private set; }
    public FormModel? Form { get; private set; }
    public string? Notice { get; private set; }
    public string SupplementNote { get; private set; } = "";

    /// <summary>A supplement is asked for and not yet answered.</summary>
    public bool AwaitsSupplement => Dossier.Status.Code == (int)DossierStatus.SupplementRequested && Dossier.SupplementRequest is not null;

    public string? Reason { get; private set; }
    public string? Score { get; private set; }
    public string? Comment { get; private set; }

    /// <summary>The applicant may withdraw while the status machine allows it (not once the result is ready).</summary>
    public bool CanWithdraw => DossierStatusMachine.Allows((DossierStatus)Dossier.Status.Code, DossierStatus.Withdrawn);

    /// <summary>A dossier the agency finished with (a withdrawn one is not rated).</summary>
    public bool CanRate => DossierStatusMachine.IsFinal((DossierStatus)Dossier.Status.Code) && Dossier.Status.Code != (int)DossierStatus.Withdrawn;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
            return NotFound();
        Notice = TempData["Notice"] as string;
        SupplementNote = TempData["SupplementNote"] as string ?? "";
        if (TempData["SupplementErrors"] is string errors)
            foreach (var (field, message) in JsonSerializer.Deserialize<Dictionary<string, string>>(errors) ?? [])
                AddError(field == "note" ? "note" : "supplement-" + field, message);
        return Errors.Count > 0 ? Invalid() : Page();
    }

    public async Task<IActionResult> OnPostWithdrawAsync(Guid id, string? reason)
    {
        Reason = reason?.Trim();
        if (string.IsNullOrEmpty(Reason))
            AddError("reason", Text["Withdraw.ReasonRequired"]);
        else
        {
            var answer = await dossiers.WithdrawAsync(id, new Withdrawal(Reason), HttpContext.RequestAborted);
            if (answer.IsSuccessStatusCode)
            {
                TempData["Notice"] = Text["Withdraw.Done"].Value;
                return Redirect($"/dossiers/{id}");
            }
            if (answer.StatusCode == System.Net.HttpStatusCode.NotFound)
                return NotFound();
            AddProblem(answer.Error);
            MoveToField("reason");
        }
        return await LoadAsync(id) ? Invalid() : NotFound();
    }

    public async Task<IActionResult> OnPostRateAsync(Guid id, string? score, string? comment)
    {
        (Score, Comment) = (score, comment?.Trim());
        if (!int.TryParse(score, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) || value is < 1 or > 5)
            AddError("score", Text["Rating.ScoreRequired"]);
        else
        {
            var answer = await dossiers.RateAsync(id, new RatingRequest(value, Comment), HttpContext.RequestAborted);
            if (answer.IsSuccessStatusCode)
            {
                TempData["Notice"] = Text["Rating.Thanks"].Value;
                return Redirect($"/dossiers/{id}");
            }
            if (answer.StatusCode == System.Net.HttpStatusCode.NotFound)
                return NotFound();
            AddProblem(answer.Error);
            MoveToField("score");
        }
        return await LoadAsync(id) ? Invalid() : NotFound();
    }

    /// <summary>A refusal that names no field of this form (409: the status moved on) is shown at the form's own field.</summary>
    void MoveToField(string field)
    {
        if (Errors.Remove("", out var messages))
            foreach (var m in messages) AddError(field, m);
    }

    async Task<bool> LoadAsync(Guid id)
    {
        var found = await dossiers.GetAsync(id, HttpContext.RequestAborted);
        if (found.Content is not { } d)
            return false;
        Dossier = d;
        if (await catalog.ProcedureAsync(d.ProcedureCode, HttpContext.RequestAborted) is { } p)
            (Procedure, Form) = (p, FormModel.From(p.FormSchema));
        return true;
    }

    public string RequirementName(string code) =>
        Procedure?.RequiredDocuments.FirstOrDefault(r => r.Code == code) is { } r ? Display.Pick(r.NameVi, r.NameEn) : code;
}
