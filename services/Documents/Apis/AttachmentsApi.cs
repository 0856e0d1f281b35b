using Microsoft.AspNetCore.Http.HttpResults;
using PublicServices.Documents.Domain;
using PublicServices.Documents.Domain.Attachments;
using PublicServices.ServiceDefaults;

namespace PublicServices.Documents.Apis;

/// <summary>Internal: the dossiers service attaches a citizen's uploads to a submitted dossier.</summary>
public static class AttachmentsApi
{
    const int MaxDocuments = 200;

    public static IEndpointRouteBuilder MapAttachmentsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/documents/attachments", AttachAsync).WithTags("Documents")
            .RequireAuthorization(Policies.Service)
            .RequireAuthorization(p => p.RequireScope("documents"));
        app.MapPost("/api/documents/attachments/release", ReleaseAsync).WithTags("Documents")
            .RequireAuthorization(Policies.Service)
            .RequireAuthorization(p => p.RequireScope("documents"));
        return app;
    }

    static async Task<Results<Ok<List<DocumentDto>>, ValidationProblem, ProblemHttpResult>> AttachAsync(
        AttachRequest request, DocumentAttacher attacher, CancellationToken cancel)
    {
        var errors = Validate(request);
        if (errors.Count > 0)
            return Problems.Validation(errors);

        var outcome = await attacher.AttachAsync(request, cancel);
        if (outcome is AttachOutcome.Attached(var documents))
            return TypedResults.Ok(documents.Select(d => d.AsDto()).ToList());
        var (reason, ids) = (AttachOutcome.Refused)outcome;
        var extensions = new Dictionary<string, object?> { ["documentIds"] = ids };
        return reason switch
        {
            AttachRefusal.Missing => Problems.Problem(StatusCodes.Status404NotFound,
                Problems.Text("Không tìm thấy tài liệu", "Some documents were not found"), extensions: extensions),
            AttachRefusal.NotOwner => Problems.Problem(StatusCodes.Status403Forbidden,
                Problems.Text("Tài liệu không thuộc về người nộp hồ sơ", "Some documents do not belong to the applicant"), extensions: extensions),
            AttachRefusal.OtherDossier => Problems.Problem(StatusCodes.Status409Conflict,
                Problems.Text("Tài liệu đã thuộc về hồ sơ khác", "Some documents belong to another dossier"), extensions: extensions),
            _ => Problems.Problem(StatusCodes.Status422UnprocessableEntity,
                Problems.Text("Tài liệu đã hết hạn, vui lòng tải lên lại", "Some documents have expired; upload them again"), extensions: extensions),
        };
    }

    static async Task<Results<NoContent, ValidationProblem>> ReleaseAsync(ReleaseRequest request, DocumentAttacher attacher, CancellationToken cancel)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.DossierId == Guid.Empty)
            errors["dossierId"] = [Problems.Text("Thiếu mã hồ sơ.", "The dossier id is missing.")];
        if (request.OwnerId is not { Length: > 0 and <= 200 })
            errors["ownerId"] = [Problems.Text("Thiếu người nộp hồ sơ.", "The owner is missing.")];
        if (errors.Count > 0)
            return Problems.Validation(errors);
        await attacher.ReleaseAsync(request, cancel);
        return TypedResults.NoContent();
    }

    static Dictionary<string, string[]> Validate(AttachRequest r)
    {
        var errors = new Dictionary<string, string[]>();
        void Require(bool ok, string field, string vi, string en)
        {
            if (!ok)
                errors[field] = [Problems.Text(vi, en)];
        }
        Require(r.DossierId != Guid.Empty, "dossierId", "Thiếu mã hồ sơ.", "The dossier id is missing.");
        Require(r.DossierCode is { Length: > 0 and <= 50 }, "dossierCode", "Mã hồ sơ không hợp lệ.", "The dossier code is not valid.");
        Require(r.OwnerId is { Length: > 0 and <= 200 }, "ownerId", "Thiếu người nộp hồ sơ.", "The owner is missing.");
        Require(r.AgencyCode is { Length: > 0 and <= 50 }, "agencyCode", "Mã cơ quan không hợp lệ.", "The agency code is not valid.");
        Require(r.DocumentIds is { Count: > 0 and <= MaxDocuments } ids && !ids.Contains(Guid.Empty), "documentIds",
            $"Cần từ 1 đến {MaxDocuments} tài liệu.", $"Between 1 and {MaxDocuments} documents are required.");
        return errors;
    }
}
