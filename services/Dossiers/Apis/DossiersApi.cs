using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using PublicServices.Contracts.Dossiers;
using PublicServices.Dossiers.Data;
using PublicServices.Dossiers.Domain;
using PublicServices.Dossiers.Domain.Applicant;
using PublicServices.Dossiers.Domain.Submission;
using PublicServices.Dossiers.Resources;
using PublicServices.ServiceDefaults;
using PublicServices.ServiceDefaults.Resources;

namespace PublicServices.Dossiers.Apis;

/// <summary>
/// Submission, lists and reading of dossiers, and the public lookup by code. Applicants see their own dossiers,
/// officers those of their agency; anyone else gets 404, so the existence of a dossier is not revealed.
/// </summary>
public static class DossiersApi
{
    /// <summary>A citizen or business applicant, or an officer bound to an agency.</summary>
    public const string ApplicantOrOfficer = "applicant-or-officer";

    public static IEndpointRouteBuilder MapDossiersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/dossiers").WithTags("Dossiers").RequireAuthorization(ApplicantOrOfficer);
        api.MapPost("", Submit).RequireAuthorization(Policies.Applicant);
        api.MapPost("/checks", Check).RequireAuthorization(Policies.Applicant);
        api.MapPost("/{id:guid}/withdrawal", (Guid id, WithdrawalRequest request, ClaimsPrincipal user, ApplicantActions actions, CancellationToken cancel) =>
            actions.WithdrawAsync(user, id, request, cancel)).RequireAuthorization(Policies.Applicant);
        api.MapPost("/{id:guid}/rating", (Guid id, RatingRequest request, ClaimsPrincipal user, ApplicantActions actions, CancellationToken cancel) =>
            actions.RateAsync(user, id, request, cancel)).RequireAuthorization(Policies.Applicant);
        api.MapGet("", List);
        api.MapGet("/{id:guid}", Get);
        api.MapGet("/lookup/{code}", Lookup).AllowAnonymous();
        return app;
    }

    static Task<Results<Created<DossierDto>, Ok<DossierDto>, ValidationProblem, ProblemHttpResult>> Submit(
        SubmitDossierRequest request, [FromHeader(Name = Idempotency.Header)] string? idempotencyKey,
        ClaimsPrincipal user, DossierSubmitter submitter, CancellationToken cancel) =>
        submitter.SubmitAsync(user, request, idempotencyKey, cancel);

    /// <summary>Checks a form as a submission would (field messages in the caller's language) and files nothing: 204 or 400.</summary>
    static Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Check(SubmitDossierRequest request, DossierSubmitter submitter,
        CancellationToken cancel) =>
        submitter.CheckAsync(request, cancel);

    static async Task<Results<Ok<DossierPage>, ValidationProblem>> List(string? page, string? pageSize, string? status,
        ClaimsPrincipal user, DossiersDb db, IOptions<DossiersOptions> options, IStringLocalizer<Messages> text, IStringLocalizer<SharedMessages> shared,
        CancellationToken cancel)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var paging = PageRequest.Parse(page, pageSize, 20, options.Value.MaxPageSize, errors, shared);
        DossierStatus? wanted = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (int.TryParse(status, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var s)
                && DossierStatusMachine.IsDefined(s))
                wanted = (DossierStatus)s;
            else
                errors["status"] = [text["List.BadStatus"]];
        }
        if (errors.Count > 0)
            return Problems.Validation(errors);

        var query = Visible(db.Dossiers, user);
        if (wanted is { } only)
            query = query.Where(d => d.Status == only);
        var total = await query.CountAsync(cancel);
        var items = await query.OrderByDescending(d => d.SubmittedAt).ThenByDescending(d => d.Id)
            .Skip(paging.Skip).Take(paging.PageSize)
            .Select(d => new { d.Id, d.Code, d.ProcedureCode, d.ProcedureNameVi, d.ProcedureNameEn, d.AgencyCode, d.ApplicantName, d.Status, d.SubmittedAt })
            .ToListAsync(cancel);
        return TypedResults.Ok(new DossierPage(items.Select(d => new DossierSummary(d.Id, d.Code, d.ProcedureCode, d.ProcedureNameVi,
            d.ProcedureNameEn, d.AgencyCode, d.ApplicantName, StatusDto.From(d.Status), d.SubmittedAt)).ToList(), paging.Page, paging.PageSize, total));
    }

    static async Task<Results<Ok<DossierDto>, ProblemHttpResult>> Get(Guid id, ClaimsPrincipal user, DossiersDb db, IStringLocalizer<Messages> text,
        CancellationToken cancel)
    {
        var dossier = await Visible(db.Dossiers, user).Include(d => d.Timeline).FirstOrDefaultAsync(d => d.Id == id, cancel);
        return dossier is null ? NotFound(text) : TypedResults.Ok(dossier.AsDto());
    }

    static async Task<Results<Ok<DossierLookup>, ProblemHttpResult>> Lookup(string code, DossiersDb db, IStringLocalizer<Messages> text,
        CancellationToken cancel)
    {
        if (!DossierCode.TryParse(code, out _))
            return NotFound(text);
        var dossier = await db.Dossiers.Where(d => d.Code == code)
            .Select(d => new { d.Code, d.ProcedureCode, d.ProcedureNameVi, d.ProcedureNameEn, d.AgencyCode, d.Status, d.SubmittedAt })
            .FirstOrDefaultAsync(cancel);
        return dossier is null ? NotFound(text) : TypedResults.Ok(new DossierLookup(dossier.Code, dossier.ProcedureCode, dossier.ProcedureNameVi,
            dossier.ProcedureNameEn, dossier.AgencyCode, StatusDto.From(dossier.Status), dossier.SubmittedAt));
    }

    /// <summary>The dossiers a caller may see: an applicant their own, an officer those of their agency.</summary>
    static IQueryable<Dossier> Visible(IQueryable<Dossier> dossiers, ClaimsPrincipal user)
    {
        if (user.IsInRole(Roles.Citizen) || user.IsInRole(Roles.Business))
        {
            var applicant = user.SubjectId();
            return dossiers.Where(d => d.ApplicantId == applicant);
        }
        var agency = user.IsOfficer() ? user.AgencyCode() : null;
        return agency is null ? dossiers.Where(_ => false) : dossiers.Where(d => d.AgencyCode == agency);
    }

    static ProblemHttpResult NotFound(IStringLocalizer<Messages> text) => Problems.NotFound(text["Dossier.NotFound"]);
}
