using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PublicServices.Payments.Data;
using PublicServices.Payments.Domain.Sessions;
using PublicServices.Payments.Resources;
using PublicServices.ServiceDefaults;

namespace PublicServices.Payments.Apis;

/// <summary>A payment session, for the applicant who started it: its state (polled by the portal) and the way back to the provider.</summary>
public static class SessionsApi
{
    public static IEndpointRouteBuilder MapSessionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/payments/sessions").WithTags("Sessions").RequireAuthorization(Policies.Applicant);
        api.MapGet("/{id:guid}", Get);
        api.MapGet("/{id:guid}/pay", Pay);
        return app;
    }

    static async Task<Results<Ok<SessionDto>, ProblemHttpResult>> Get(Guid id, ClaimsPrincipal user, PaymentsDb db, TimeProvider clock,
        IStringLocalizer<Messages> text, CancellationToken cancel)
    {
        var session = await db.Sessions.FirstOrDefaultAsync(s => s.Id == id, cancel);
        if (session is null || session.ApplicantId != user.SubjectId())
            return Problems.NotFound(text["Session.NotFound"]);
        var state = SessionStates.Of(session, clock.GetUtcNow());
        return TypedResults.Ok(new SessionDto(session.Id, session.InvoiceId, session.Amount, state, session.ExpiresAt, session.PaidAt,
            text["Session.State." + state]));
    }

    /// <summary>Back to the provider's page of a session still payable; an expired or settled one is refused with a message saying so.</summary>
    static async Task<Results<RedirectHttpResult, ProblemHttpResult>> Pay(Guid id, ClaimsPrincipal user, PaymentsDb db, TimeProvider clock,
        IStringLocalizer<Messages> text, CancellationToken cancel)
    {
        var session = await db.Sessions.FirstOrDefaultAsync(s => s.Id == id, cancel);
        if (session is null || session.ApplicantId != user.SubjectId())
            return Problems.NotFound(text["Session.NotFound"]);
        return SessionStates.Of(session, clock.GetUtcNow()) switch
        {
            "pending" => TypedResults.Redirect(session.RedirectUrl),
            "expired" => Problems.Problem(StatusCodes.Status410Gone, text["Session.Expired"]),
            var state => Problems.Problem(StatusCodes.Status409Conflict, text["Session.State." + state]),
        };
    }
}
