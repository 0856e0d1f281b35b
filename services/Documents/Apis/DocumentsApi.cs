using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PublicServices.Documents.Catalog;
using PublicServices.Documents.Data;
using PublicServices.Documents.Documents;
using PublicServices.Documents.Downloads;
using PublicServices.Documents.Storage;
using PublicServices.Documents.Uploads;
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
            UploadOutcome.Stored(var document) => TypedResults.Created($"/api/documents/{document.Id}", document.AsDto()),
            UploadOutcome.TooLarge(var max) => FileProblem(StatusCodes.Status413PayloadTooLarge,
                "Tệp quá lớn", "The file is too large",
                $"Tệp vượt quá dung lượng cho phép ({Size(max)}).", $"The file exceeds the allowed size ({Size(max)})."),
            UploadOutcome.NotAccepted => FileProblem(StatusCodes.Status415UnsupportedMediaType,
                "Loại tệp không được chấp nhận", "The file type is not accepted",
                $"Chỉ chấp nhận tệp {TypeList(target.AcceptedTypes)}.", $"Only {TypeList(target.AcceptedTypes)} files are accepted."),
            UploadOutcome.Empty => Problems.Validation(FileError("Tệp rỗng.", "The file is empty.")),
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
    static async Task<Ok<List<DocumentDto>>> ListAsync(ClaimsPrincipal user, bool? unattached, DocumentsDb db, TimeProvider time,
        CancellationToken cancel)
    {
        var owner = user.SubjectId();
        var query = Visible(db, time).Where(d => d.OwnerId == owner);
        if (unattached == true)
            query = query.Where(d => d.DossierId == null);
        var documents = await query.OrderByDescending(d => d.CreatedAt).Take(500).ToListAsync(cancel);
        return TypedResults.Ok(documents.Select(d => d.AsDto()).ToList());
    }

    static async Task<Results<Ok<DocumentDto>, ProblemHttpResult>> GetAsync(Guid id, ClaimsPrincipal user, DocumentsDb db,
        TimeProvider time, CancellationToken cancel) =>
        await FindReadableAsync(id, user, db, time, cancel) is { } document ? TypedResults.Ok(document.AsDto()) : NotFound();

    static async Task<Results<ObjectContentResult, ProblemHttpResult>> ContentAsync(Guid id, ClaimsPrincipal user, DocumentsDb db,
        TimeProvider time, CancellationToken cancel) =>
        await FindReadableAsync(id, user, db, time, cancel) is { } document ? new ObjectContentResult(document) : NotFound();

    public sealed record DocumentLink(string Url, DateTime ExpiresAt);

    /// <summary>
    /// A short-lived URL that works without a token (for a browser tab or a viewer): presigned by S3 itself, or, for
    /// local storage, signed by this service and served by /signed.
    /// </summary>
    static async Task<Results<Ok<DocumentLink>, ProblemHttpResult>> LinkAsync(Guid id, HttpContext http, DocumentsDb db,
        IObjectStore store, LinkSigner signer, IOptions<DocumentsOptions> options, TimeProvider time, CancellationToken cancel)
    {
        if (await FindReadableAsync(id, http.User, db, time, cancel) is not { } document)
            return NotFound();
        var lifetime = options.Value.LinkLifetime;
        var expires = DateTimeOffset.FromUnixTimeSeconds((time.GetUtcNow() + lifetime).ToUnixTimeSeconds());
        if (await store.PresignGetAsync(document.StorageKey, lifetime, cancel) is { } presigned)
            return TypedResults.Ok(new DocumentLink(presigned.ToString(), expires.UtcDateTime));
        var exp = expires.ToUnixTimeSeconds();
        var baseUrl = options.Value.PublicBaseUrl is { Length: > 0 } configured
            ? configured.TrimEnd('/')
            : $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";
        var url = $"{baseUrl}/api/documents/{document.Id}/signed?exp={exp}&sig={signer.Sign(document.Id, exp)}";
        return TypedResults.Ok(new DocumentLink(url, expires.UtcDateTime));
    }

    /// <summary>Anonymous, but only with a valid, unexpired signature for this very document: 403 otherwise.</summary>
    static async Task<Results<ObjectContentResult, ProblemHttpResult>> SignedAsync(Guid id, long? exp, string? sig, DocumentsDb db,
        LinkSigner signer, TimeProvider time, CancellationToken cancel)
    {
        if (exp is null || !signer.IsValid(id, exp.Value, sig, time.GetUtcNow()))
            return Problems.Problem(StatusCodes.Status403Forbidden,
                Problems.Text("Liên kết tải xuống không hợp lệ hoặc đã hết hạn", "The download link is invalid or has expired"));
        return await Visible(db, time).FirstOrDefaultAsync(d => d.Id == id, cancel) is { } document
            ? new ObjectContentResult(document) : NotFound();
    }

    /// <summary>Completely stored documents that have not expired.</summary>
    static IQueryable<Document> Visible(DocumentsDb db, TimeProvider time)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return db.Documents.AsNoTracking()
            .Where(d => d.Status == DocumentStatus.Stored && (d.ExpiresAt == null || d.ExpiresAt > now));
    }

    static async Task<Document?> FindReadableAsync(Guid id, ClaimsPrincipal user, DocumentsDb db, TimeProvider time, CancellationToken cancel) =>
        await Visible(db, time).FirstOrDefaultAsync(d => d.Id == id, cancel) is { } document && DocumentAccess.CanRead(user, document)
            ? document : null;

    static ProblemHttpResult NotFound() => Problems.NotFound(Problems.Text($"Không tìm thấy tài liệu", "The document was not found"));
}
