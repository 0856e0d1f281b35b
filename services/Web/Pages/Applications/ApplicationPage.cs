using System.Text.Json;
using Microsoft.Extensions.Localization;
using PublicServices.Web.Clients;
using PublicServices.Web.Domain;
using PublicServices.Web.Resources;

namespace PublicServices.Web.Pages.Applications;

/// <summary>
/// A page of an application in progress: the person's own draft (the dossiers service answers 404 for anyone else's)
/// and its procedure. The steps are the form, the documents and the review; each saves to the draft.
/// </summary>
public abstract class ApplicationPage(IDossiersClient dossiers, CatalogReads catalog, IStringLocalizer<Messages> text,
    IDocumentsClient? documents = null) : PortalPage(text)
{
    protected IDossiersClient Dossiers { get; } = dossiers;
    public Draft Draft { get; private set; } = null!;
    public Procedure Procedure { get; private set; } = null!;
    public FormModel Form { get; private set; } = null!;

    /// <summary>The draft's uploads by requirement (after <see cref="LoadUploadsAsync"/>).</summary>
    public Dictionary<string, UploadedDocument> Uploaded { get; } = new(StringComparer.Ordinal);

    protected async Task<bool> LoadAsync(Guid id)
    {
        var draft = await Dossiers.DraftAsync(id, HttpContext.RequestAborted);
        if (draft.Content is not { } d)
            return false;
        if (await catalog.ProcedureAsync(d.ProcedureCode, HttpContext.RequestAborted) is not { } p)
            return false;
        (Draft, Procedure, Form) = (d, p, FormModel.From(p.FormSchema));
        return true;
    }

    protected Task<Refit.IApiResponse<Draft>> SaveAsync(JsonElement formData, IReadOnlyList<DocumentRef> documents) =>
        Dossiers.SaveDraftAsync(Draft.Id, new DraftRequest(Draft.ProcedureCode, formData, documents, Draft.Version), HttpContext.RequestAborted);

    /// <summary>The step list shown on each page of the application.</summary>
    public IReadOnlyList<(string Label, string Href, bool Current)> Steps(string current) =>
    [
        (Text["Steps.Form"], $"/applications/{Draft.Id}/form", current == "form"),
        (Text["Steps.Documents"], $"/applications/{Draft.Id}/documents", current == "documents"),
        (Text["Steps.Review"], $"/applications/{Draft.Id}/review", current == "review"),
    ];

    public string ProcedureName => Display.Pick(Procedure.NameVi, Procedure.NameEn);

    protected async Task LoadUploadsAsync()
    {
        if (documents is null) return;
        foreach (var d in Draft.Documents)
            if (d.RequirementCode is { } code && (await documents.GetAsync(d.DocumentId, HttpContext.RequestAborted)).Content is { } doc)
                Uploaded[code] = doc;
    }
}
