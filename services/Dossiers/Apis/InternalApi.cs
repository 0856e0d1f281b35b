using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PublicServices.Contracts.Dossiers;
using PublicServices.Dossiers.Data;
using PublicServices.Dossiers.Resources;
using PublicServices.ServiceDefaults;

namespace PublicServices.Dossiers.Apis;

/// <summary>
/// Internal: what another service may ask about a dossier, each address for its one caller. The gateway never routes
/// <c>/api/*/internal/…</c>, so only services reach it, directly.
/// </summary>
public static class InternalApi
{
    public static IEndpointRouteBuilder MapInternalApi(this IEndpointRouteBuilder app)
    {
        // The workflow checks each DossierSubmitted and DossierWithdrawn against the stored dossier before it acts.
        app.MapGet("/api/dossiers/internal/{id:guid}", GetFiled).WithTags("Internal").RequireCaller(ServiceCallers.Workflow, "dossiers");
        return app;
    }

    static async Task<Results<Ok<FiledDossier>, ProblemHttpResult>> GetFiled(Guid id, DossiersDb db, IStringLocalizer<Messages> text,
        CancellationToken cancel)
    {
        var filed = await db.Dossiers.Where(d => d.Id == id)
            .Select(d => new FiledDossier(d.Id, d.Code, d.ProcedureCode, d.ProcedureVersion, d.AgencyCode, d.ApplicantId, d.SubmittedAt,
                d.StatutoryWorkingDays, d.WorkflowDefinitionId, (int)d.Status, d.FeeAtSubmission, d.FeeBeforeResult, d.DeliveryMethod,
                d.DeliveryAddress))
            .FirstOrDefaultAsync(cancel);
        return filed is null ? Problems.NotFound(text["Dossier.NotFound"]) : TypedResults.Ok(filed);
    }
}
