using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using PublicServices.Contracts.Dossiers;
using PublicServices.ServiceDefaults;
using PublicServices.Web.Clients;
using PublicServices.Web.Domain;
using PublicServices.Web.Resources;

namespace PublicServices.Web.Pages.Dossiers;

/// <summary>
/// A dossier for its applicant: status timeline, due date, answers, documents, and the answer to a supplement request
/// (files and a note, sent by <see cref="Apis.FileEndpoints"/>). Anyone else's dossier is not found: the dossiers
/// service decides, and answers 404 rather than revealing that it exists.
/// </summary>
public sealed class DetailModel(IDossiersClient dossiers, CatalogReads catalog, IPaymentsClient payments, IDocumentsClient documents,
    IOptions<WebOptions> options, ILogger<DetailModel> log, IStringLocalizer<Messages> text) : PortalPage(text)
{
    /// <summary>The fee's invoices and the outcome of a return from the payment provider.</summary>
    public Payment Payment { get; private set; } = Payment.None;

    /// <summary>The result document once issued; null before (the documents service answers 404).</summary>
    public ResultDocument? Result { get; private set; }

    /// <summary>The documents service could not say whether there is a result.</summary>
    public bool ResultUnavailable { get; private set; }

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

    public async Task<IActionResult> OnGetAsync(Guid id, string? payment, Guid? session)
    {
        if (!await LoadAsync(id))
            return NotFound();
        await LoadPaymentAsync(id, payment, session);
        await LoadResultAsync(id);
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

    /// <summary>
    /// Pays an open invoice: a session at the payments service that comes back to this page, then the browser goes on to
    /// the provider's page (303: a GET there). A refusal (the invoice was paid meanwhile) shows on this page.
    /// </summary>
    public async Task<IActionResult> OnPostPayAsync(Guid id, Guid invoice)
    {
        var locale = Display.IsEnglish ? "en" : "vn";
        var started = await payments.StartSessionAsync(invoice, new StartPayment(locale, $"/dossiers/{id}"), HttpContext.RequestAborted);
        if (started.Content is { } s && Uri.TryCreate(s.RedirectUrl, UriKind.Absolute, out var provider) && provider.Scheme is "https" or "http")
        {
            Response.Headers.Location = provider.AbsoluteUri;
            return StatusCode(StatusCodes.Status303SeeOther);
        }
        if (started.StatusCode == System.Net.HttpStatusCode.NotFound || !await LoadAsync(id))
            return NotFound();
        AddProblem(started.Error);
        MoveToField("pay-" + invoice.ToString("N"));
        await LoadPaymentAsync(id, null, null);
        await LoadResultAsync(id);
        return Invalid();
    }

    async Task LoadPaymentAsync(Guid id, string? returned, Guid? session)
    {
        try
        {
            var invoices = await payments.InvoicesAsync(id, HttpContext.RequestAborted);
            var failed = !invoices.IsSuccessStatusCode && invoices.StatusCode != System.Net.HttpStatusCode.NotFound;
            if (failed)
                log.LogWarning("The payments service answered {Status} for the invoices of {Dossier}", invoices.StatusCode, id);
            var known = returned is "paid" or "pending" or "failed" or "expired" or "invalid" ? returned : null;
            var state = known is not null && session is { } sid ? (await payments.SessionAsync(sid, HttpContext.RequestAborted)).Content : null;
            Payment = new Payment(invoices.Content?.Items ?? [], failed, known, state);
            // The pay form's answer redirects to the provider: this page's policy lets a form go there (the gateway's allows only 'self').
            if (Payment.Invoices.Any(i => i.Status == "open") && options.Value.PaymentPageOrigin is { Length: > 0 } origin)
                Response.Headers.ContentSecurityPolicy = PagePolicy.ContentSecurityPolicy(formTarget: origin);
        }
        catch (Exception e) when (Unreachable(e))
        {
            log.LogWarning(e, "The payments service could not be reached for dossier {Dossier}", id);
            Payment = Payment.None with { Unavailable = true };
        }
    }

    async Task LoadResultAsync(Guid id)
    {
        try
        {
            var result = await documents.ResultAsync(id, HttpContext.RequestAborted);
            Result = result.Content;
            ResultUnavailable = !result.IsSuccessStatusCode && result.StatusCode != System.Net.HttpStatusCode.NotFound;
        }
        catch (Exception e) when (Unreachable(e))
        {
            log.LogWarning(e, "The documents service could not be reached for the result of dossier {Dossier}", id);
            ResultUnavailable = true;
        }
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
