using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PublicServices.Web.Clients;
using PublicServices.Web.Domain;
using PublicServices.Web.Resources;

namespace PublicServices.Web.Pages.Applications;

/// <summary>
/// Check your answers, then submit. The draft's id is the submission's Idempotency-Key, so a second click or a retry
/// after a lost answer files the same dossier once.
/// </summary>
public sealed class ReviewModel(IDossiersClient dossiers, CatalogReads catalog, IDocumentsClient documents, IStringLocalizer<Messages> text)
    : ApplicationPage(dossiers, catalog, text, documents)
{
    /// <summary>How the result is to reach the applicant: "online" (download, the default) or "post".</summary>
    public string DeliveryMethod { get; private set; } = DeliveryChoice.Online;
    public string? DeliveryAddress { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
            return NotFound();
        await LoadUploadsAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string? delivery, string? address)
    {
        // A second click after the submission finds no draft (it goes with the submission): the list shows the dossier.
        if (!await LoadAsync(id))
            return Redirect("/dossiers");
        var choice = DeliveryChoice.Check(delivery, address, Text);
        (DeliveryMethod, DeliveryAddress) = (delivery ?? "", address);
        foreach (var (field, message) in choice.Errors)
            AddError(field, message);
        if (Errors.Count > 0)
        {
            await LoadUploadsAsync();
            return Invalid();
        }
        var request = new SubmitRequest(Draft.ProcedureCode, Draft.FormData, Draft.Documents, Draft.Id, choice.Delivery);
        var submitted = await Dossiers.SubmitAsync(request, Draft.Id.ToString("N"), HttpContext.RequestAborted);
        if (submitted.Content is { } dossier)
            return Redirect($"/dossiers/{dossier.Id}/receipt");
        AddProblem(submitted.Error, FormModel.DataPrefix);
        // The dossiers service names the delivery's fields by their path in the body.
        foreach (var (path, field) in new[] { ("delivery.method", DeliveryChoice.MethodField), ("delivery.address", DeliveryChoice.AddressField) })
            if (Errors.Remove(path, out var messages))
                foreach (var m in messages) AddError(field, m);
        await LoadUploadsAsync();
        return Invalid();
    }

    /// <summary>The error summary: a form answer's message links to the form page, a document's to the documents page.</summary>
    public override IReadOnlyList<WebUi.ErrorLink> ErrorLinks =>
        [.. Errors.SelectMany(e => e.Value.Select(m => new WebUi.ErrorLink(e.Key is DeliveryChoice.MethodField or DeliveryChoice.AddressField ? e.Key : null, m)))];

    public string ChangeLink(string field) => $"/applications/{Draft.Id}/form#{WebUi.FieldView.IdFor(field)}";
}
