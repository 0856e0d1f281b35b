using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using PublicServices.ServiceDefaults;
using PublicServices.Web.Clients;
using PublicServices.Web.Domain;
using PublicServices.Web.Resources;
using QRCoder;

namespace PublicServices.Web.Apis;

/// <summary>
/// What the pages cannot do as plain Razor handlers: uploads (an applicant's documents, an officer's decision with its
/// attachments) streamed through to the documents service (never buffered here), downloads streamed back with the person's own rights, and the receipt's QR code. An upload answers with a
/// redirect to its page (the message, if any, rides in TempData), or with that address as JSON when the page's script
/// sent it (X-Upload: progress), so both end on the same page.
/// </summary>
public static class FileEndpoints
{
    public const string ProgressHeader = "X-Upload";

    /// <summary>The TempData entry that carries a refused decision back to the task page.</summary>
    public const string DecisionKey = "Decision";

    /// <summary>The TempData entries that carry the answer about a checked PDF (JSON), or its refusal, back to the verify page.</summary>
    public const string VerifyAnswerKey = "VerifyFile";
    public const string VerifyErrorKey = "VerifyFileError";

    public static IEndpointRouteBuilder MapFileEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/applications/{draftId:guid}/documents/{requirement}", UploadForDraftAsync).RequireAuthorization(WebService.ApplicantPolicy);
        app.MapPost("/dossiers/{id:guid}/supplement", SupplyAsync).RequireAuthorization(WebService.ApplicantPolicy);
        app.MapPost("/officer/tasks/{id:guid}/decision", DecideAsync).RequireAuthorization(WebService.OfficerPolicy);
        app.MapGet("/files/{id:guid}", DownloadAsync).RequireAuthorization();
        app.MapPost("/verify", VerifyFileAsync).AllowAnonymous();
        app.MapGet("/results/{id:guid}/file", ResultAsync).RequireAuthorization(WebService.ApplicantPolicy);
        app.MapGet("/invoices/{id:guid}/receipt.pdf", PaymentReceiptAsync).RequireAuthorization(WebService.ApplicantPolicy);
        app.MapGet("/dossiers/{id:guid}/qr.png", QrAsync).RequireAuthorization();
        app.MapGet("/dossiers/{id:guid}/receipt.pdf", ReceiptAsync).RequireAuthorization();
        return app;
    }

    /// <summary>Uploads one document of a draft and puts it in the draft in place of the one before (which then expires unattached).</summary>
    static async Task<IResult> UploadForDraftAsync(Guid draftId, string requirement, HttpContext http, IDossiersClient dossiers,
        IHttpClientFactory clients, IAntiforgery antiforgery, ITempDataDictionaryFactory tempData, IOptions<WebOptions> options,
        IStringLocalizer<Messages> text)
    {
        var back = $"/applications/{draftId}/documents";
        var draft = await dossiers.DraftAsync(draftId, http.RequestAborted);
        if (draft.Content is not { } d)
            return Results.NotFound();
        var form = await OpenAsync(http, antiforgery, options.Value.UploadBytes);
        if (form is null)
            return Results.BadRequest();
        string? error = null;
        var file = await form.NextFileAsync();
        if (file is not { } chosen)
            error = text["Upload.NoFile"];
        else
        {
            var (uploaded, problem) = await ForwardAsync(clients, http, d.ProcedureCode, requirement, chosen, text);
            error = problem;
            if (uploaded is not null)
                error = await PutInDraftAsync(dossiers, d, requirement, uploaded.Id, text, http.RequestAborted);
        }
        if (error is not null)
        {
            var data = tempData.GetTempData(http);
            data[UploadMessageKey(requirement)] = error;
            // A page saves its TempData itself; an endpoint must, or the message is lost.
            data.Save();
        }
        return Back(http, back);
    }

    /// <summary>The applicant's answer to a supplement request: the note first, then one file per requested document.</summary>
    static async Task<IResult> SupplyAsync(Guid id, HttpContext http, IDossiersClient dossiers, IHttpClientFactory clients,
        IAntiforgery antiforgery, ITempDataDictionaryFactory tempData, IOptions<WebOptions> options, IStringLocalizer<Messages> text)
    {
        var back = $"/dossiers/{id}";
        var dossier = await dossiers.GetAsync(id, http.RequestAborted);
        if (dossier.Content is not { SupplementRequest: { } request } d)
            return dossier.Content is null ? Results.NotFound() : Back(http, back);
        var form = await OpenAsync(http, antiforgery, options.Value.UploadBytes);
        if (form is null)
            return Results.BadRequest();
        var documents = new List<DocumentRef>();
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await form.NextFileAsync() is { } file)
        {
            if (!request.Documents.Contains(file.Field, StringComparer.Ordinal))
                continue;
            var (uploaded, problem) = await ForwardAsync(clients, http, d.ProcedureCode, file.Field, file, text);
            if (uploaded is not null) documents.Add(new DocumentRef(file.Field, uploaded.Id));
            else errors[file.Field] = problem!;
        }
        var note = form.Fields.GetValueOrDefault("note")?.Trim();
        var missing = request.Documents.Where(r => documents.All(x => x.RequirementCode != r) && !errors.ContainsKey(r)).ToList();
        foreach (var r in missing)
            errors[r] = text["Upload.NoFile"];
        if (request.Documents.Count == 0 && string.IsNullOrEmpty(note))
            errors["note"] = text["Supplement.NoteRequired"];
        var data = tempData.GetTempData(http);
        if (errors.Count == 0)
        {
            var sent = await dossiers.SupplyAsync(id, new SupplementAnswer(documents, note), http.RequestAborted);
            if (sent.IsSuccessStatusCode)
            {
                data["Notice"] = text["Supplement.Sent"].Value;
                data.Save();
                return Back(http, back);
            }
            errors["note"] = ProblemMessage((sent.Error as Refit.ApiException)?.Content, text);
        }
        data["SupplementErrors"] = JsonSerializer.Serialize(errors);
        data["SupplementNote"] = note ?? "";
        data.Save();
        return Back(http, back);
    }

    /// <summary>
    /// An officer's decision with its attachments: the fields come first and are checked, the task is claimed, each file
    /// is streamed to the documents service as an officer's file of the dossier, then the task is completed with their
    /// ids. A refused field, file or completion brings the task page back with its message and completes nothing (files
    /// stored before a refusal stay with the dossier, referenced by no decision).
    /// </summary>
    static async Task<IResult> DecideAsync(Guid id, HttpContext http, IWorkflowClient workflow, IHttpClientFactory clients,
        IAntiforgery antiforgery, ITempDataDictionaryFactory tempData, IOptions<WebOptions> options, IStringLocalizer<Messages> text)
    {
        if ((await workflow.TaskAsync(id, http.RequestAborted)).Content is not { } task)
            return Results.NotFound();
        var form = await OpenAsync(http, antiforgery, options.Value.UploadBytes);
        if (form is null)
            return Results.BadRequest();
        var decision = new Decision(form.Fields.GetValueOrDefault("outcome"), form.Fields.GetValueOrDefault("comment")?.Trim(), form.All("documents"))
            .Checked(task.Outcomes, text);
        if (decision.Errors.Count == 0)
            decision = await SendAsync(task, decision, form, workflow, clients, http, text);
        var data = tempData.GetTempData(http);
        if (decision.Errors.Count == 0)
            data["Notice"] = text["Task.Done", task.DossierCode ?? ""].Value;
        else
            data[DecisionKey] = JsonSerializer.Serialize(decision);
        data.Save();
        return Back(http, decision.Errors.Count == 0 ? "/officer" : $"/officer/tasks/{id}");
    }

    /// <summary>Claims the task if it is open, uploads the attachments and completes the task; the decision with a message if any step is refused.</summary>
    static async Task<Decision> SendAsync(WorkTask task, Decision decision, PostedForm form, IWorkflowClient workflow, IHttpClientFactory clients,
        HttpContext http, IStringLocalizer<Messages> text)
    {
        if (task.Status == "open")
        {
            var claimed = await workflow.ClaimAsync(task.Id, http.RequestAborted);
            if (!claimed.IsSuccessStatusCode && claimed.StatusCode != System.Net.HttpStatusCode.Conflict)
                return decision.With("", ProblemMessage((claimed.Error as Refit.ApiException)?.Content, text));
        }
        var attachments = new List<string>();
        while (await form.NextFileAsync() is { } file)
        {
            if (file.Field != "attachments")
                continue;
            if (!Guid.TryParse(task.CorrelationId, out var dossier))
                return decision.With("attachments", text["Task.NoDossier"]);
            var url = QueryHelpers.AddQueryString("/api/documents/officer-files", "dossier", dossier.ToString());
            var (uploaded, problem) = await PostFileAsync(clients, http, url, file, text);
            if (uploaded is null)
                return decision.With("attachments", text["Task.AttachmentProblem", file.FileName, problem!]);
            attachments.Add(uploaded.Id.ToString());
        }
        var done = await workflow.CompleteAsync(task.Id, new TaskCompletion(decision.Outcome!, decision.Comment, attachments, decision.Data),
            http.RequestAborted);
        if (done.IsSuccessStatusCode)
            return decision;
        var (field, message) = ProblemField((done.Error as Refit.ApiException)?.Content, text);
        return decision.With(field.StartsWith("attachments", StringComparison.Ordinal) ? "attachments" : field, message);
    }

    /// <summary>A document's content with the person's own rights (owner, or an officer of the dossier's agency); ?inline=1 to view it in the browser.</summary>
    static Task<IResult> DownloadAsync(Guid id, bool? inline, HttpContext http, IHttpClientFactory clients) =>
        StreamAsync(clients.CreateClient(PortalClients.Files), $"/api/documents/{id}/content", id.ToString(), inline, http);

    /// <summary>The largest PDF anyone may send to be checked (the documents service's own limit is 20 MiB).</summary>
    const long VerifyBytes = 21 * 1024 * 1024;

    /// <summary>
    /// Anyone's check of a PDF: streamed to the documents service, whose answer (or refusal) goes back to the verify page
    /// in TempData. The form may name the result whose page it was sent from (<c>id</c>), to come back to it.
    /// </summary>
    static async Task<IResult> VerifyFileAsync(HttpContext http, IHttpClientFactory clients, IAntiforgery antiforgery,
        ITempDataDictionaryFactory tempData, IStringLocalizer<Messages> text)
    {
        var form = await OpenAsync(http, antiforgery, VerifyBytes);
        if (form is null)
            return Results.BadRequest();
        var back = Guid.TryParse(form.Fields.GetValueOrDefault("id"), out var id) ? $"/verify/{id}" : "/verify";
        var data = tempData.GetTempData(http);
        if (await form.NextFileAsync() is not { } file)
            data[VerifyErrorKey] = text["Verify.NoFile"].Value;
        else
        {
            using var content = new MultipartFormDataContent();
            var body = new StreamContent(file.Body);
            body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
            content.Add(body, "file", file.FileName);
            using var response = await clients.CreateClient(PortalClients.Files).PostAsync("/api/documents/results/verification", content, http.RequestAborted);
            var json = await response.Content.ReadAsStringAsync(http.RequestAborted);
            if (response.IsSuccessStatusCode)
                data[VerifyAnswerKey] = json;
            else
                data[VerifyErrorKey] = ProblemMessage(json, text);
        }
        data.Save();
        return Results.Redirect(back);
    }

    /// <summary>
    /// The applicant's result document, streamed from the documents service with their own token: its first download
    /// is what records the result as delivered there.
    /// </summary>
    static Task<IResult> ResultAsync(Guid id, HttpContext http, IHttpClientFactory clients) =>
        StreamAsync(clients.CreateClient(PortalClients.Files), $"/api/documents/results/{id}/file", $"{id}.pdf", false, http);

    /// <summary>The e-receipt of a paid invoice, from the payments service with the applicant's own rights.</summary>
    static Task<IResult> PaymentReceiptAsync(Guid id, HttpContext http, IHttpClientFactory clients) =>
        StreamAsync(clients.CreateClient(PortalClients.PaymentFiles), $"/api/payments/invoices/{id}/receipt.pdf", $"receipt-{id}.pdf", false, http);

    /// <summary>A service's file answer passed on as it streams; refused or unknown is 404 (whether it exists is nobody else's business).</summary>
    static async Task<IResult> StreamAsync(HttpClient client, string url, string fallbackName, bool? inline, HttpContext http)
    {
        var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, http.RequestAborted);
        http.Response.RegisterForDispose(response);
        if (!response.IsSuccessStatusCode)
            return Results.StatusCode((int)response.StatusCode is 401 or 403 ? 404 : (int)response.StatusCode);
        var type = response.Content.Headers.ContentType?.MediaType ?? "application/octet-stream";
        var name = response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"') ?? fallbackName;
        // Only PDFs and images open in the browser; anything else is a download.
        var show = inline == true && (type == "application/pdf" || type.StartsWith("image/", StringComparison.Ordinal));
        var disposition = new ContentDispositionHeaderValue(show ? "inline" : "attachment");
        disposition.SetHttpFileName(name);
        http.Response.Headers.ContentDisposition = disposition.ToString();
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.Stream(await response.Content.ReadAsStreamAsync(http.RequestAborted), type, enableRangeProcessing: false);
    }

    /// <summary>The receipt's QR code: the public status lookup of the dossier's code (no personal data in it).</summary>
    static async Task<IResult> QrAsync(Guid id, HttpContext http, IDossiersClient dossiers, IOptions<AuthOptions> auth)
    {
        var dossier = await dossiers.GetAsync(id, http.RequestAborted);
        if (dossier.Content is not { } d)
            return Results.NotFound();
        var png = PngByteQRCodeHelper.GetQRCode(LookupUrl(auth.Value.Issuer, d.Code), QRCodeGenerator.ECCLevel.M, 8);
        return Results.File(png, "image/png");
    }

    /// <summary>The receipt as a PDF, for whoever may see the dossier (the dossiers service decides).</summary>
    static async Task<IResult> ReceiptAsync(Guid id, HttpContext http, IDossiersClient dossiers, IOptions<AuthOptions> auth, TimeProvider clock,
        IStringLocalizer<Messages> text)
    {
        var dossier = await dossiers.GetAsync(id, http.RequestAborted);
        if (dossier.Content is not { } d)
            return Results.NotFound();
        return Results.File(Receipts.ReceiptPdf.Render(d, LookupUrl(auth.Value.Issuer, d.Code), clock.GetUtcNow(), text), "application/pdf", $"{d.Code}.pdf");
    }

    public static string LookupUrl(string issuer, string code) => issuer + "lookup?code=" + Uri.EscapeDataString(code);

    public static string UploadMessageKey(string requirement) => "upload:" + requirement;

    static IResult Back(HttpContext http, string page) =>
        http.Request.Headers.ContainsKey(ProgressHeader) ? Results.Json(new { location = page }) : Results.Redirect(page);

    static async Task<string?> PutInDraftAsync(IDossiersClient dossiers, Draft draft, string requirement, Guid documentId,
        IStringLocalizer<Messages> text, CancellationToken cancel)
    {
        // Another device may have saved the draft meanwhile: read it again once and put the document in that version.
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var documents = draft.Documents.Where(x => x.RequirementCode != requirement).Append(new DocumentRef(requirement, documentId)).ToList();
            var saved = await dossiers.SaveDraftAsync(draft.Id, new DraftRequest(draft.ProcedureCode, draft.FormData, documents, draft.Version), cancel);
            if (saved.IsSuccessStatusCode)
                return null;
            if (saved.StatusCode != System.Net.HttpStatusCode.Conflict || (await dossiers.DraftAsync(draft.Id, cancel)).Content is not { } fresh)
                return ProblemMessage((saved.Error as Refit.ApiException)?.Content, text);
            draft = fresh;
        }
        return text["Draft.Conflict"];
    }

    static Task<(UploadedDocument? Document, string? Problem)> ForwardAsync(IHttpClientFactory clients, HttpContext http,
        string procedure, string requirement, PostedFile file, IStringLocalizer<Messages> text) =>
        PostFileAsync(clients, http, QueryHelpers.AddQueryString("/api/documents",
            new Dictionary<string, string?> { ["procedure"] = procedure, ["requirement"] = requirement }), file, text);

    /// <summary>Streams one posted file on to the documents service: the stored document, or the message of its refusal.</summary>
    static async Task<(UploadedDocument? Document, string? Problem)> PostFileAsync(IHttpClientFactory clients, HttpContext http, string url,
        PostedFile file, IStringLocalizer<Messages> text)
    {
        using var content = new MultipartFormDataContent();
        var body = new StreamContent(file.Body);
        body.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.TryParse(file.ContentType, out var type) ? type : new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        content.Add(body, "file", file.FileName);
        using var response = await clients.CreateClient(PortalClients.Files).PostAsync(url, content, http.RequestAborted);
        var json = await response.Content.ReadAsStringAsync(http.RequestAborted);
        if (response.IsSuccessStatusCode)
            return (JsonSerializer.Deserialize<UploadedDocument>(json, JsonSerializerOptions.Web), null);
        return (null, ProblemMessage(json, text));
    }

    /// <summary>The message of a problem+json answer for people: its first field message, else its detail or title.</summary>
    public static string ProblemMessage(string? json, IStringLocalizer<Messages> text) => ProblemField(json, text).Message;

    /// <summary>The first field message of a problem+json answer with its field, else its detail or title for no field ("").</summary>
    static (string Field, string Message) ProblemField(string? json, IStringLocalizer<Messages> text)
    {
        try
        {
            using var doc = JsonDocument.Parse(json ?? "");
            var root = doc.RootElement;
            if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
                foreach (var field in errors.EnumerateObject())
                    if (field.Value.ValueKind == JsonValueKind.Array && field.Value.GetArrayLength() > 0)
                        return (field.Name, field.Value[0].GetString() ?? "");
            foreach (var name in new[] { "detail", "title" })
                if (root.TryGetProperty(name, out var v) && v.GetString() is { Length: > 0 } message)
                    return ("", message);
        }
        catch (JsonException)
        {
        }
        return ("", text["Problem.Unexpected"]);
    }

    /// <summary>Reads a multipart post as a stream: the antiforgery token and the plain fields before the files, then each file in turn.</summary>
    static async Task<PostedForm?> OpenAsync(HttpContext http, IAntiforgery antiforgery, long maxBytes)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = maxBytes;
        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var type) || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            return null;
        var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
            return null;
        var form = new PostedForm(new MultipartReader(boundary, http.Request.Body));
        await form.ReadFieldsAsync();
        // The token came as a form field: hand it to the antiforgery check the way a script would send it.
        if (form.Fields.TryGetValue("__RequestVerificationToken", out var token))
            http.Request.Headers["RequestVerificationToken"] = token;
        try
        {
            await antiforgery.ValidateRequestAsync(http);
        }
        catch (AntiforgeryValidationException)
        {
            return null;
        }
        return form;
    }
}

/// <summary>A file part of a multipart post: the input's name, the name and type the browser gave, and the bytes (read once).</summary>
public readonly record struct PostedFile(string Field, string FileName, string? ContentType, Stream Body);

/// <summary>A multipart post read in order: the plain fields until the first file, then the files one by one.</summary>
public sealed class PostedForm(MultipartReader reader)
{
    MultipartSection? pending;
    readonly List<(string Name, string Value)> values = [];

    /// <summary>Each field's last value.</summary>
    public Dictionary<string, string> Fields { get; } = new(StringComparer.Ordinal);

    /// <summary>Every value of a field that repeats (check boxes), in order.</summary>
    public IReadOnlyList<string> All(string name) => [.. values.Where(v => v.Name == name).Select(v => v.Value)];

    public async Task ReadFieldsAsync()
    {
        while (await reader.ReadNextSectionAsync() is { } section)
        {
            var disposition = section.GetContentDispositionHeader();
            if (disposition is null) continue;
            if (disposition.IsFileDisposition())
            {
                pending = section;
                return;
            }
            if (disposition.Name.Value is { } name && name.Length <= 100 && Fields.Count < 50)
            {
                using var text = new StreamReader(section.Body);
                var value = await text.ReadToEndAsync();
                Fields[name] = value.Length > 4000 ? value[..4000] : value;
                if (values.Count < 200)
                    values.Add((name, Fields[name]));
            }
        }
    }

    /// <summary>The next file that was chosen (inputs left empty are skipped), or null at the end.</summary>
    public async Task<PostedFile?> NextFileAsync()
    {
        while (true)
        {
            var section = pending ?? await reader.ReadNextSectionAsync();
            pending = null;
            if (section is null) return null;
            var disposition = section.GetContentDispositionHeader();
            if (disposition is null || !disposition.IsFileDisposition()) continue;
            var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
            if (string.IsNullOrEmpty(fileName)) continue;
            return new PostedFile(disposition.Name.Value ?? "", Path.GetFileName(fileName), section.ContentType, section.Body);
        }
    }
}
