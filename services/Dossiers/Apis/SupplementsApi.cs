using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using PublicServices.Dossiers.Domain.Supplements;
using PublicServices.ServiceDefaults;

namespace PublicServices.Dossiers.Apis;

/// <summary>
/// The applicant's answer to a supplement request. Only the dossier's own applicant (others get 404, so the dossier's
/// existence is not revealed), and only while the dossier waits for it (409 otherwise).
/// </summary>
public static class SupplementsApi
{
    public static IEndpointRouteBuilder MapSupplementsApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/dossiers/{id:guid}/supplements").WithTags("Supplements").RequireAuthorization(Policies.Applicant)
            .MapPost("", Submit);
        return app;
    }

    static Task<Results<Accepted<SupplementDto>, ValidationProblem, ProblemHttpResult>> Submit(Guid id, SubmitSupplementRequest answer,
        ClaimsPrincipal user, SupplementSubmitter submitter, CancellationToken cancel) =>
        submitter.SubmitAsync(user, id, answer, cancel);
}
