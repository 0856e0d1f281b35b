using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using PublicServices.Documents.Clients;
using PublicServices.Documents.Domain;
using PublicServices.Documents.Domain.Downloads;
using PublicServices.Documents.Domain.Uploads;
using PublicServices.ServiceDefaults;

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
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
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
        CancellationToken cancel)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(procedure))
            errors["procedure"] = [Problems.Text("Chưa chọn thủ tục.", "The procedure is missing.")];
        if (string.IsNullOrWhiteSpace(requirement))
            errors["requirement"] = [Problems.Text("Chưa chọn thành phần hồ sơ.", "The required document is missing.")];
        if (errors.Count > 0)
            return Problems.Validation(errors);

        var found = await lookup.FindAsync(procedure!, requirement!, cancel);
        if (found is not LookupResult.Found(var proc, var req))
            return found switch
            {
                LookupResult.UnknownProcedure => Problems.NotFound(Problems.Text($"Không tìm thấy thủ tục", "The procedure was not found")),
                LookupResult.UnknownRequirement => Problems.NotFound(Problems.Text($"Không tìm thấy thành phần hồ sơ", "The required document was not found")),
                _ => Problems.Problem(StatusCodes.Status503ServiceUnavailable,
                    Problems.Text("Chưa tra cứu được danh mục thủ tục, vui lòng thử lại sau", "The procedure catalog is unavailable, please try again later")),
            };

        var target = new UploadTarget(http.User.SubjectId()!, proc.Code, req);
        var outcome = await uploader.UploadAsync(http.Request, target, cancel);
        return outcome switch
        {
            UploadOutcome.Uploaded(var document) => TypedResults.Created($"/api/documents/{document.Id}", document.AsDto()),
            UploadOutcome.TooLarge(var max) => FileProblem(StatusCodes.Status413PayloadTooLarge,
                "Tệp quá lớn", "The file is too large",
                $"Tệp vượt quá dung lượng cho phép ({Size(max)}).", $"The file exceeds the allowed size ({Size(max)})."),
            UploadOutcome.NotAccepted => FileProblem(StatusCodes.Status415UnsupportedMediaType,
                "Loại tệp không được chấp nhận", "The file type is not accepted",
                $"Chỉ chấp nhận tệp {TypeList(target.AcceptedTypes)}.", $"Only {TypeList(target.AcceptedTypes)} files are accepted."),
            UploadOutcome.EmptyFile => Problems.Validation(FileError("Tệp rỗng.", "The file is empty.")),
            UploadOutcome.MoreThanOneFile => Problems.Validation(FileError("Mỗi lần chỉ tải lên một tệp.", "Upload one file at a time.")),
            UploadOutcome.Malformed => Problems.Validation(FileError("Dữ liệu tải lên bị hỏng hoặc không trọn vẹn.", "The upload is malformed or incomplete.")),
            _ => Problems.Validation(FileError("Chưa có tệp đính kèm (multipart/form-data, một phần tệp).",
                "No file was sent (multipart/form-data with one file part).")),
        };
    }

    static Dictionary<string, string[]> FileError(string vi, string en) => new() { ["file"] = [Problems.Text(vi, en)] };

    static ProblemHttpResult FileProblem(int status, string titleVi, string titleEn, string messageVi, string messageEn) =>
        Problems.Problem(status, Problems.Text(titleVi, titleEn), Problems.Text(messageVi, messageEn),
            new Dictionary<string, object?> { ["errors"] = FileError(messageVi, messageEn) });

    static string TypeList(IEnumerable<string> types) => string.Join(", ", types.Select(ContentSniffer.DisplayName));

    static string Size(long bytes) => bytes >= 1024 * 1024
        ? $"{bytes / (1024.0 * 1024.0):0.#} MB"
        : $"{bytes / 1024.0:0.#} KB";

    /// <summary>The caller's own documents; unattached=true keeps only uploads not yet in a dossier.</summary>
    static async Task<Ok<List<DocumentDto>>> ListAsync(ClaimsPrincipal user, bool? unattached, DocumentReader reader,
        CancellationToken cancel)
    {
        var documents = await reader.ListOwnAsync(user.SubjectId(), unattached == true, cancel);
        return TypedResults.Ok(documents.Select(d => d.AsDto()).ToList());
    }

    static async Task<Results<Ok<DocumentDto>, ProblemHttpResult>> GetAsync(Guid id, ClaimsPrincipal user, DocumentReader reader,
        CancellationToken cancel) =>
        await reader.FindReadableAsync(id, user, cancel) is { } document ? TypedResults.Ok(document.AsDto()) : NotFound();

    static async Task<Results<ObjectContentResult, ProblemHttpResult>> ContentAsync(Guid id, ClaimsPrincipal user, DocumentReader reader,
        CancellationToken cancel) =>
        await reader.FindReadableAsync(id, user, cancel) is { } document ? new ObjectContentResult(document) : NotFound();

    /// <summary>A short-lived URL that works without a token (see <see cref="DownloadLinks"/>).</summary>
    static async Task<Results<Ok<DocumentLink>, ProblemHttpResult>> LinkAsync(Guid id, HttpContext http, DocumentReader reader,
        DownloadLinks links, CancellationToken cancel)
    {
        if (await reader.FindReadableAsync(id, http.User, cancel) is not { } document)
            return NotFound();
        var request = http.Request;
        return TypedResults.Ok(await links.CreateAsync(document, $"{request.Scheme}://{request.Host}{request.PathBase}", cancel));
    }

    /// <summary>Anonymous, but only with a valid, unexpired signature for this very document: 403 otherwise.</summary>
    static async Task<Results<ObjectContentResult, ProblemHttpResult>> SignedAsync(Guid id, long? exp, string? sig, DocumentReader reader,
        LinkSigner signer, TimeProvider time, CancellationToken cancel)
    {
        if (exp is null || !signer.IsValid(id, exp.Value, sig, time.GetUtcNow()))
            return Problems.Problem(StatusCodes.Status403Forbidden,
                Problems.Text("Liên kết tải xuống không hợp lệ hoặc đã hết hạn", "The download link is invalid or has expired"));
        return await reader.FindVisibleAsync(id, cancel) is { } document ? new ObjectContentResult(document) : NotFound();
    }

    static ProblemHttpResult NotFound() => Problems.NotFound(Problems.Text($"Không tìm thấy tài liệu", "The document was not found"));
}
