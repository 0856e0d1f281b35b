using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using PublicServices.Identity.Data;
using PublicServices.Identity.Domain;
using PublicServices.Identity.Resources;
using PublicServices.Identity.Server;
using PublicServices.ServiceDefaults;

namespace PublicServices.Identity.Apis;

/// <summary>The JSON API under /api/identity: registration for API and mobile clients, and the caller's profile.</summary>
public static class IdentityApi
{
    public static WebApplication MapIdentityApi(this WebApplication app)
    {
        // Under the service's own prefix, so the gateway serves it too.
        app.MapOpenApi("/api/identity/openapi/{documentName}.json").AllowAnonymous();
        var api = app.MapGroup("/api/identity").WithTags("Identity").DisableAntiforgery();
        // Anyone may register; the gateway rate-limits this path.
        api.MapPost("/citizens", RegisterCitizen).AllowAnonymous();
        api.MapGet("/me", Me).RequireAuthorization(IdentityPolicies.Bearer);
        api.MapPost("/me/sign-out-everywhere", SignOutEverywhere).RequireAuthorization(IdentityPolicies.Bearer);
        return app;
    }

    public sealed record RegisterCitizenRequest(string? FullName, string? NationalId, string? Email, string? Phone, string? Password);

    /// <summary>The one answer to a valid registration, whether or not an account was created.</summary>
    public sealed record RegistrationAccepted(string Message);

    /// <summary>
    /// 202 with the same body whether the account is new or the number or e-mail was taken (the owner is told by e-mail
    /// then); the account works once the link mailed to its address is opened. Field errors are 400.
    /// </summary>
    static async Task<Results<Accepted<RegistrationAccepted>, ValidationProblem>> RegisterCitizen(
        RegisterCitizenRequest body, CitizenRegistrar registrar, IStringLocalizer<Messages> text, CancellationToken cancel)
    {
        var outcome = await registrar.RegisterAsync(new CitizenRegistration(body.FullName, body.NationalId, body.Email, body.Phone, body.Password), null, cancel);
        return outcome switch
        {
            RegistrationOutcome.Accepted => TypedResults.Accepted((string?)null, new RegistrationAccepted(text["Registration.Accepted"])),
            RegistrationOutcome.Invalid i => Problems.Validation(i.Errors),
            _ => throw new InvalidOperationException("Unknown registration outcome."),
        };
    }

    /// <summary>201 with the new account's profile, 400 with field errors, or 409 naming the fields already taken.</summary>
    internal static Results<Created<UserProfile>, ValidationProblem, ProblemHttpResult> Answer(RegistrationOutcome outcome,
        string? location, string role, string takenTitle) => outcome switch
    {
        RegistrationOutcome.Registered r => TypedResults.Created(location, UserProfile.Of(r.User, [role])),
        RegistrationOutcome.Invalid i => Problems.Validation(i.Errors),
        RegistrationOutcome.Taken t => Problems.Problem(StatusCodes.Status409Conflict, takenTitle,
            extensions: new Dictionary<string, object?> { ["errors"] = t.Errors }),
        _ => throw new InvalidOperationException("Unknown registration outcome."),
    };

    /// <summary>
    /// Ends the caller's logins everywhere: every token issued to them is revoked (refresh tokens buy nothing more) and
    /// the security stamp changes, so login cookies in other browsers stop working at once.
    /// Access tokens already issued live out their short lifetime.
    /// </summary>
    static async Task<Results<NoContent, ProblemHttpResult>> SignOutEverywhere(ClaimsPrincipal caller, UserManager<ApplicationUser> users,
        OpenIddict.Abstractions.IOpenIddictTokenManager tokens, IStringLocalizer<Messages> text, CancellationToken cancel)
    {
        var user = caller.SubjectId() is { } id ? await users.FindByIdAsync(id) : null;
        if (user is null) return Problems.NotFound(text["Account.NotFound"]);
        await users.UpdateSecurityStampAsync(user);
        await foreach (var token in tokens.FindBySubjectAsync(user.Id, cancel))
            await tokens.TryRevokeAsync(token, cancel);
        return TypedResults.NoContent();
    }

    /// <summary>The profile of the user the access token was issued to (client-credentials tokens have none).</summary>
    static async Task<Results<Ok<UserProfile>, ProblemHttpResult>> Me(ClaimsPrincipal caller, UserManager<ApplicationUser> users,
        IStringLocalizer<Messages> text)
    {
        var user = caller.SubjectId() is { } id ? await users.FindByIdAsync(id) : null;
        if (user is null) return Problems.NotFound(text["Account.NotFound"]);
        return TypedResults.Ok(UserProfile.Of(user, await users.GetRolesAsync(user)));
    }
}
