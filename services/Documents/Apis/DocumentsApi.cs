using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using PublicServices.Contracts.Dossiers;
using PublicServices.Documents.Clients;
using PublicServices.Documents.Data;
using PublicServices.Documents.Domain;
using PublicServices.Documents.Domain.Downloads;
using PublicServices.Documents.Domain.Uploads;
using PublicServices.Documents.Resources;
using PublicServices.ServiceDefaults;
using PublicServices.ServiceDefaults.Audit;

namespace PublicServices.Documents.Apis;

/// <summary>Upload, metadata and download of documents (docs/contracts.md, "Documents API").</summary>
public static class DocumentsApi
{
    public static IEndpointRouteBuilder MapDocumentsApi(this IEndpointRouteBuilder app)
    {
        // Every route needs a valid token except /signed, whose URL carries its own signature and expiry.
        var group = app.MapGroup("/api/documents").WithTags("Documents").RequireAuthorization();
        // No Accepts metadata: routing would answer a non-multipart body with a bare 415 before authentication.
        group.MapPost("/", UploadAsync).RequireAuthorization(Policies.Applicant)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapPost("/officer-files", OfficerUploadAsync).RequireAuthorization(Policies.Officer).Audited<DocumentsDb>("officer_file.uploaded")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/", ListAsync).RequireAuthorization(Policies.Applicant);
        group.MapGet("/{id:guid}", GetAsync);
        group.MapGet("/{id:guid}/content", ContentAsync);
        group.MapGet("/{id:guid}/link", LinkAsync);
        group.MapGet("/{id:guid}/signed", SignedAsync).AllowAnonymous();
        return app;
    }

    /// <summary>
    /// The body is not bound by the framework: the handler takes no form or file parameter, so nothing buffers the
    /// upload; DocumentUploader reads it as a stream.
    /// </summary>
    static async Task<Results<Created<DocumentDto>, ValidationProblem, ProblemHttpResult>> UploadAsync(
        HttpContext http, string? procedure, string? requirement, RequirementLookup lookup, DocumentUploader uploader,
        IStringLocalizer<Messages> text, CancellationToken cancel)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(procedure))
            errors["procedure"] = [text["Upload.ProcedureMissing"]];
        if (string.IsNullOrWhiteSpace(requirement))
            errors["requirement"] = [text["Upload.RequirementMissing"]];
        if (errors.Count > 0)
            return Problems.Validation(errors);

        var found = await lookup.FindAsync(procedure!, requirement!, cancel);
        if (found is not LookupResult.Found(var proc, var req))
            return found switch
            {
                LookupResult.UnknownProcedure => Problems.NotFound(text["Catalog.ProcedureNotFound"]),
                LookupResult.UnknownRequirement => Problems.NotFound(text["Catalog.RequirementNotFound"]),
                _ => Problems.Problem(StatusCodes.Status503ServiceUnavailable, text["Catalog.Unavailable"]),
            };

        var target = UploadTarget.For(http.User.SubjectId()!, proc.Code, req);
        return Answer(await uploader.UploadAsync(http.Request, target, cancel), target, http.Response, text);
    }

    /// <summary>
    /// An officer's file for a dossier of their agency (<see cref="OfficerFiles"/>). The dossiers service, asked with
    /// the officer's own token, says whether they may see the dossier: another agency's dossier is a 404, as there.
    /// </summary>
    static async Task<Results<Created<DocumentDto>, ValidationProblem, ProblemHttpResult>> OfficerUploadAsync(
        HttpContext http, string? dossier, CallerDossierLookup dossiers, DocumentUploader uploader, IOptions<DocumentsOptions> options,
        IStringLocalizer<Messages> text, CancellationToken cancel)
    {
        if (!Guid.TryParse(dossier, out var dossierId) || dossierId == Guid.Empty)
            return Problems.Validation("dossier", text["OfficerFile.DossierMissing"]);
        var found = await dossiers.FindAsync(dossierId, cancel);
        if (found is not DossierLookupResult.Found(var header) || !OfficerFiles.MayAddTo(http.User, header))
            return found switch
            {
                DossierLookupResult.Refused => Problems.Problem(StatusCodes.Status403Forbidden, text["OfficerFile.TokenRefused"]),
                DossierLookupResult.Unavailable => Problems.Problem(StatusCodes.Status503ServiceUnavailable, text["OfficerFile.DossiersUnavailable"]),
                _ => Problems.NotFound(text["OfficerFile.DossierNotFound"]),
            };
        var target = OfficerFiles.For(http.User.SubjectId()!, header, options.Value.OfficerFileBytes);
        return Answer(await uploader.UploadAsync(http.Request, target, cancel), target, http.Response, text);
    }

    static Results<Created<DocumentDto>, ValidationProblem, ProblemHttpResult> Answer(UploadOutcome outcome, UploadTarget target,
        HttpResponse response, IStringLocalizer<Messages> text) => outcome switch
        {
            UploadOutcome.Uploaded(var document) => TypedResults.Created($"/api/documents/{document.Id}", document.AsDto()),
            UploadOutcome.TooLarge(var max) => FileProblem(StatusCodes.Status413PayloadTooLarge,
                text["Upload.TooLarge"], text["Upload.TooLargeDetail", Size(max)]),
            UploadOutcome.NotAccepted => FileProblem(StatusCodes.Status415UnsupportedMediaType,
                text["Upload.NotAccepted"], text["Upload.NotAcceptedDetail", TypeList(target.AcceptedTypes)]),
            UploadOutcome.Unreadable(var type) => FileProblem(StatusCodes.Status422UnprocessableEntity,
                text["Upload.Unreadable"], text["Upload.UnreadableDetail", ContentSniffer.DisplayName(type)]),
            UploadOutcome.TooManyAtOnce(var limit) => FileProblem(StatusCodes.Status429TooManyRequests,
                text["Upload.TooMany"], text["Upload.TooManyDetail", limit]),
            UploadOutcome.QuotaExceeded(var quota) => FileProblem(StatusCodes.Status413PayloadTooLarge,
                text["Upload.Quota"], text["Upload.QuotaDetail", Size(quota)]),
            UploadOutcome.Busy(var retryAfter) => Busy(response, retryAfter, text),
            UploadOutcome.TooSlow => Problems.Problem(StatusCodes.Status408RequestTimeout, text["Upload.TooSlow"]),
            UploadOutcome.EmptyFile => Problems.Validation("file", text["Upload.Empty"]),
            UploadOutcome.BadFileName => Problems.Validation("file", text["Upload.BadFileName"]),
            UploadOutcome.MoreThanOneFile => Problems.Validation("file", text["Upload.MoreThanOneFile"]),
            UploadOutcome.Malformed => Problems.Validation("file", text["Upload.Malformed"]),
            _ => Problems.Validation("file", text["Upload.NoFile"]),
        };

    static ProblemHttpResult Busy(HttpResponse response, TimeSpan retryAfter, IStringLocalizer<Messages> text)
    {
        response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return Problems.Problem(StatusCodes.Status503ServiceUnavailable, text["Upload.Busy"]);
    }

    /// <summary>413 and 415 carry their message twice: as the detail, and as the file field's error, like a 400.</summary>
    internal static ProblemHttpResult FileProblem(int status, string title, string message) =>
        Problems.Problem(status, title, message,
            new Dictionary<string, object?>(StringComparer.Ordinal) { ["errors"] = new Dictionary<string, string[]>(StringComparer.Ordinal) { ["file"] = [message] } });

    static string TypeList(IEnumerable<string> types) => string.Join(", ", types.Select(ContentSniffer.DisplayName));

    /// <summary>For people: in the request's culture (1,5 MB in Vietnamese, 1.5 MB in English).</summary>
    static string Size(long bytes) => bytes >= 1024 * 1024
        ? string.Create(CultureInfo.CurrentCulture, $"{bytes / (1024.0 * 1024.0):0.#} MB")
        : string.Create(CultureInfo.CurrentCulture, $"{bytes / 1024.0:0.#} KB");

    /// <summary>The caller's own documents; unattached=true keeps only uploads not yet in a dossier.</summary>
    static async Task<Ok<List<DocumentDto>>> ListAsync(ClaimsPrincipal user, bool? unattached, DocumentReader reader,
        CancellationToken cancel)
    {
        var documents = await reader.ListOwnAsync(user.SubjectId(), unattached == true, cancel);
        return TypedResults.Ok(documents.Select(d => d.AsDto()).ToList());
    }

    static async Task<Results<Ok<DocumentDto>, ProblemHttpResult>> GetAsync(Guid id, ClaimsPrincipal user, DocumentReader reader,
        IStringLocalizer<Messages> text, CancellationToken cancel) =>
        await reader.FindReadableAsync(id, user, cancel) is { } document ? TypedResults.Ok(document.AsDto()) : NotFound(text);

    static async Task<Results<ObjectContentResult, ProblemHttpResult>> ContentAsync(Guid id, ClaimsPrincipal user, DocumentReader reader,
        IStringLocalizer<Messages> text, CancellationToken cancel) =>
        await reader.FindReadableAsync(id, user, cancel) is { } document ? new ObjectContentResult(document) : NotFound(text);

    /// <summary>A short-lived URL that works without a token (see <see cref="DownloadLinks"/>).</summary>
    static async Task<Results<Ok<DocumentLink>, ProblemHttpResult>> LinkAsync(Guid id, HttpContext http, DocumentReader reader,
        DownloadLinks links, IStringLocalizer<Messages> text, CancellationToken cancel)
    {
        if (await reader.FindReadableAsync(id, http.User, cancel) is not { } document)
            return NotFound(text);
        var request = http.Request;
        return TypedResults.Ok(await links.CreateAsync(document, $"{request.Scheme}://{request.Host}{request.PathBase}", cancel));
    }

    /// <summary>Anonymous, but only with a valid, unexpired signature for this very document: 403 otherwise.</summary>
    static async Task<Results<ObjectContentResult, ProblemHttpResult>> SignedAsync(Guid id, long? exp, string? sig, DocumentReader reader,
        LinkSigner signer, TimeProvider time, IStringLocalizer<Messages> text, CancellationToken cancel)
    {
        if (exp is null || !signer.IsValid(id, exp.Value, sig, time.GetUtcNow()))
            return Problems.Problem(StatusCodes.Status403Forbidden, text["Link.Invalid"]);
        return await reader.FindVisibleAsync(id, cancel) is { } document ? new ObjectContentResult(document) : NotFound(text);
    }

    static ProblemHttpResult NotFound(IStringLocalizer<Messages> text) => Problems.NotFound(text["Document.NotFound"]);
}
