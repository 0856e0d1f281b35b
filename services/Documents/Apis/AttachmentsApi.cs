using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using PublicServices.Documents.Domain;
using PublicServices.Documents.Domain.Attachments;
using PublicServices.Documents.Resources;
using PublicServices.ServiceDefaults;

namespace PublicServices.Documents.Apis;

/// <summary>
/// Internal (never routed by the gateway): the dossiers service, and only it, attaches a citizen's uploads to a
/// submitted dossier. The owner it names is the applicant whose token submitted the dossier (DossierSubmitter), and
/// every document must be that owner's (403 otherwise, nothing attached): the dossier does not exist yet when its
/// uploads are attached, so this service cannot ask for its applicant and trusts the one caller for the owner.
/// </summary>
public static class AttachmentsApi
{
    const int MaxDocuments = 200;

    public static IEndpointRouteBuilder MapAttachmentsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/documents/attachments", AttachAsync).WithTags("Documents")
            .RequireCaller(ServiceCallers.Dossiers, "documents");
        app.MapPost("/api/documents/attachments/release", ReleaseAsync).WithTags("Documents")
            .RequireCaller(ServiceCallers.Dossiers, "documents");
        return app;
    }

    static async Task<Results<Ok<List<DocumentDto>>, ValidationProblem, ProblemHttpResult>> AttachAsync(
        AttachRequest request, DocumentAttacher attacher, IStringLocalizer<Messages> text, CancellationToken cancel)
    {
        var errors = Validate(request, text);
        if (errors.Count > 0)
            return Problems.Validation(errors);

        var outcome = await attacher.AttachAsync(request, cancel);
        if (outcome is AttachOutcome.Attached(var documents))
            return TypedResults.Ok(documents.Select(d => d.AsDto()).ToList());
        var (reason, ids) = (AttachOutcome.Refused)outcome;
        var extensions = new Dictionary<string, object?>(StringComparer.Ordinal) { ["documentIds"] = ids, ["reason"] = JsonNamingPolicy.CamelCase.ConvertName(reason.ToString()) };
        return reason switch
        {
            AttachRefusal.OtherPurpose => Problems.Problem(StatusCodes.Status422UnprocessableEntity, text["Attach.OtherPurpose"], extensions: extensions),
            AttachRefusal.Missing => Problems.Problem(StatusCodes.Status404NotFound, text["Attach.Missing"], extensions: extensions),
            AttachRefusal.NotOwner => Problems.Problem(StatusCodes.Status403Forbidden, text["Attach.NotOwner"], extensions: extensions),
            AttachRefusal.OtherDossier => Problems.Problem(StatusCodes.Status409Conflict, text["Attach.OtherDossier"], extensions: extensions),
            _ => Problems.Problem(StatusCodes.Status422UnprocessableEntity, text["Attach.Expired"], extensions: extensions),
        };
    }

    static async Task<Results<NoContent, ValidationProblem>> ReleaseAsync(ReleaseRequest request, DocumentAttacher attacher,
        IStringLocalizer<Messages> text, CancellationToken cancel)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request.DossierId == Guid.Empty)
            errors["dossierId"] = [text["Attach.DossierIdMissing"]];
        if (request.OwnerId is not { Length: > 0 and <= 200 })
            errors["ownerId"] = [text["Attach.OwnerMissing"]];
        if (errors.Count > 0)
            return Problems.Validation(errors);
        await attacher.ReleaseAsync(request, cancel);
        return TypedResults.NoContent();
    }

    static Dictionary<string, string[]> Validate(AttachRequest r, IStringLocalizer<Messages> text)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Require(bool ok, string field, LocalizedString message)
        {
            if (!ok)
                errors[field] = [message];
        }
        Require(r.DossierId != Guid.Empty, "dossierId", text["Attach.DossierIdMissing"]);
        Require(r.DossierCode is { Length: > 0 and <= 50 }, "dossierCode", text["Attach.DossierCodeInvalid"]);
        Require(r.OwnerId is { Length: > 0 and <= 200 }, "ownerId", text["Attach.OwnerMissing"]);
        Require(r.AgencyCode is { Length: > 0 and <= 50 }, "agencyCode", text["Attach.AgencyCodeInvalid"]);
        Require(r.DocumentIds is { Count: > 0 and <= MaxDocuments } ids && !ids.Contains(Guid.Empty), "documentIds",
            text["Attach.DocumentCount", MaxDocuments]);
        Require(r.ProcedureCode is { Length: > 0 and <= 50 }, "procedureCode", text["Attach.ProcedureCodeInvalid"]);
        Require(r.DocumentIds is not { } all || (r.Requirements is { } requirements
            && all.All(id => requirements.TryGetValue(id, out var code) && code is { Length: > 0 and <= 100 })),
            "requirements", text["Attach.RequirementsMissing"]);
        return errors;
    }
}
