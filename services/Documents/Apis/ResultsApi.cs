using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using PublicServices.Contracts.Dossiers;
using PublicServices.Documents.Data;
using PublicServices.Documents.Domain;
using PublicServices.Documents.Domain.Results;
using PublicServices.Documents.Resources;
using PublicServices.ServiceDefaults;
using PublicServices.ServiceDefaults.Audit;

namespace PublicServices.Documents.Apis;

/// <summary>
/// Result documents (CONTRACTS13, "Documents results API"): the applicant's and the agency's view and download, the
/// desk's postal dispatch, and the anonymous verification by id (the QR code's page) or by uploaded file.
/// </summary>
public static class ResultsApi
{
    /// <summary>The largest file the anonymous verification reads.</summary>
    public const long MaxVerifiedFile = 20 * 1024 * 1024;
    const long MultipartOverhead = 64 * 1024;

    public sealed record DispatchRequest(string? TrackingNumber);

    public static IEndpointRouteBuilder MapResultsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/documents/results").WithTags("Results");
        group.MapGet("/", ForDossierAsync).RequireAuthorization();
        group.MapGet("/{id:guid}/file", FileAsync).RequireAuthorization();
        group.MapGet("/to-post", ToPostAsync).RequireAuthorization(Policies.Officer).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost("/{id:guid}/dispatch", DispatchAsync).RequireAuthorization(Policies.Officer).Audited<DocumentsDb>("result.dispatched")
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id:guid}/verification", VerifyByIdAsync).AllowAnonymous();
        // No Accepts metadata and no form parameter: the form is read by the handler, under its own size limit.
        group.MapPost("/verification", VerifyFileAsync).AllowAnonymous()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        return app;
    }

    static async Task<Results<Ok<ResultDto>, ValidationProblem, ProblemHttpResult>> ForDossierAsync(string? dossierId, ClaimsPrincipal user,
        ResultReader results, IStringLocalizer<Messages> text, CancellationToken cancel)
    {
        if (!Guid.TryParse(dossierId, out var id) || id == Guid.Empty)
            return Problems.Validation("dossierId", text["Result.DossierIdMissing"]);
        return await results.ForDossierAsync(id, cancel) is { } result && ResultAccess.CanRead(user, result)
            ? TypedResults.Ok(result.AsDto())
            : NotFound(text);
    }

    /// <summary>The one-stop desk's list of results its agency must still post, oldest first.</summary>
    static async Task<Results<Ok<List<ResultDto>>, ProblemHttpResult>> ToPostAsync(ClaimsPrincipal user, ResultReader results,
        IStringLocalizer<Messages> text, CancellationToken cancel)
    {
        if (!user.IsInRole(Roles.OneStopDesk) || user.AgencyCode() is not { } agency)
            return Problems.Problem(StatusCodes.Status403Forbidden, text["Result.DispatchDeskOnly"]);
        return TypedResults.Ok((await results.ToPostAsync(agency, cancel)).Select(r => r.AsDto()).ToList());
    }

    /// <summary>
    /// The PDF. For a result delivered online the applicant's first download is the delivery (recorded once); a result
    /// by post is delivered when the desk records its dispatch, so downloading its copy records nothing, nor does an officer's.
    /// </summary>
    static async Task<Results<FileContentHttpResult, ProblemHttpResult>> FileAsync(Guid id, ClaimsPrincipal user, ResultReader results,
        DeliveryRecorder delivery, IStringLocalizer<Messages> text, CancellationToken cancel)
    {
        if (await results.FindAsync(id, cancel) is not { } result || !ResultAccess.CanRead(user, result))
            return NotFound(text);
        var bytes = await results.BytesAsync(result, cancel);
        if (ResultAccess.IsApplicant(user, result) && result.DownloadedAt is null && result.DeliveryMethod == ResultDelivery.Online)
            await delivery.DownloadedAsync(result, cancel);
        return TypedResults.File(bytes, ContentSniffer.Pdf, result.FileName);
    }

    /// <summary>The one-stop desk of the issuing agency hands a postal result to the post: once.</summary>
    static async Task<Results<Ok<ResultDto>, ValidationProblem, ProblemHttpResult>> DispatchAsync(Guid id, DispatchRequest? body,
        ClaimsPrincipal user, ResultReader results, DeliveryRecorder delivery, IStringLocalizer<Messages> text, CancellationToken cancel)
    {
        if (await results.FindAsync(id, cancel) is not { } result || user.AgencyCode() != result.AgencyCode)
            return NotFound(text);
        if (!user.IsInRole(Roles.OneStopDesk))
            return Problems.Problem(StatusCodes.Status403Forbidden, text["Result.DispatchDeskOnly"]);
        var tracking = body?.TrackingNumber?.Trim();
        if (string.IsNullOrEmpty(tracking) || tracking.Length > ResultLimits.TrackingNumber)
            return Problems.Validation("trackingNumber", text["Result.TrackingNumber", ResultLimits.TrackingNumber]);
        if (result.DeliveryMethod != ResultDelivery.Post)
            return Problems.Problem(StatusCodes.Status409Conflict, text["Result.NotByPost"]);
        if (!await delivery.DispatchedAsync(result, tracking, user.SubjectId()!, cancel))
            return Problems.Problem(StatusCodes.Status409Conflict, text["Result.AlreadyDispatched"]);
        return TypedResults.Ok((await results.FindAsync(id, cancel))!.AsDto());
    }

    /// <summary>The QR code's check: an unknown id is simply not valid.</summary>
    static async Task<Ok<VerificationDto>> VerifyByIdAsync(Guid id, ResultReader results, CancellationToken cancel) =>
        TypedResults.Ok(await results.FindAsync(id, cancel) is { } result ? await results.VerifyStoredAsync(result, cancel) : VerificationDto.NotValid);

    /// <summary>Anyone may check a PDF they were given: at most <see cref="MaxVerifiedFile"/> bytes, and it must be a PDF.</summary>
    static async Task<Results<Ok<VerificationDto>, ValidationProblem, ProblemHttpResult>> VerifyFileAsync(HttpContext http, ResultReader results,
        IStringLocalizer<Messages> text, CancellationToken cancel)
    {
        var request = http.Request;
        if (request.ContentLength > MaxVerifiedFile + MultipartOverhead)
            return TooLarge(text);
        if (!request.HasFormContentType || !(request.ContentType ?? "").Contains("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            return Problems.Validation("file", text["Verify.NoFile"]);
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = MaxVerifiedFile + MultipartOverhead;
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = MaxVerifiedFile + MultipartOverhead, ValueCountLimit = 16 }, cancel);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException)
        {
            // Kestrel's body limit (a body sent without its length) is 413; a malformed form is the client's mistake.
            return e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
                ? TooLarge(text) : Problems.Validation("file", text["Verify.NoFile"]);
        }
        if (form.Files.GetFile("file") is not { Length: > 0 } file)
            return Problems.Validation("file", text["Verify.NoFile"]);
        if (file.Length > MaxVerifiedFile)
            return TooLarge(text);

        string sha256;
        await using (var stream = file.OpenReadStream())
        {
            var header = new byte[ContentSniffer.HeaderLength];
            var read = await stream.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancel);
            if (ContentSniffer.Sniff(header.AsSpan(0, read)) != ContentSniffer.Pdf)
                return Problems.Validation("file", text["Verify.NotPdf"]);
            stream.Position = 0;
            sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancel));
        }
        return TypedResults.Ok(await results.VerifyFileAsync(sha256, async () =>
        {
            await using var stream = file.OpenReadStream();
            using var copy = new MemoryStream((int)file.Length);
            await stream.CopyToAsync(copy, cancel);
            return copy.ToArray();
        }, cancel));
    }

    static ProblemHttpResult TooLarge(IStringLocalizer<Messages> text) =>
        DocumentsApi.FileProblem(StatusCodes.Status413PayloadTooLarge, text["Verify.TooLarge"], text["Verify.TooLarge"]);

    static ProblemHttpResult NotFound(IStringLocalizer<Messages> text) => Problems.NotFound(text["Result.NotFound"]);
}
