using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using PublicServices.Identity.Data;
using PublicServices.Identity.Domain;
using PublicServices.Identity.Resources;
using PublicServices.Identity.Server;
using PublicServices.ServiceDefaults.Audit;

namespace PublicServices.Identity.Apis;

/// <summary>
/// /api/identity/officers: administrators create officers' accounts. Outside the Demo environment this is the only way
/// officers come to exist (the first administrator comes from the bootstrap-admin command).
/// </summary>
public static class OfficersApi
{
    public static WebApplication MapOfficersApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/identity/officers").WithTags("Officers").DisableAntiforgery()
            .RequireAuthorization(IdentityPolicies.Administrator);
        api.MapPost("", CreateOfficer);
        return app;
    }

    public sealed record CreateOfficerRequest(string? UserName, string? FullName, string? AgencyCode, string? Role, string? Password);

    static async Task<Results<Created<UserProfile>, ValidationProblem, ProblemHttpResult>> CreateOfficer(
        CreateOfficerRequest body, ClaimsPrincipal caller, OfficerRegistrar registrar, IdentityDb db, AuditTrail audit, IStringLocalizer<Messages> text,
        CancellationToken cancel)
    {
        var outcome = await registrar.RegisterAsync(new OfficerRegistration(body.UserName, body.FullName, body.AgencyCode, body.Role, body.Password), cancel);
        if (outcome is RegistrationOutcome.Registered created)
            await audit.AppendAsync(db, caller, "officer.created", created.User.UserName!, new { body.AgencyCode, body.Role }, cancel);
        // No address of its own: officers' accounts have no read endpoint yet.
        return IdentityApi.Answer(outcome, null, body.Role ?? "", text["Officers.Taken"]);
    }
}
