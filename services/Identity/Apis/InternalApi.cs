using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using OpenIddict.Validation.AspNetCore;
using PublicServices.Identity.Data;
using PublicServices.Identity.Resources;
using PublicServices.ServiceDefaults;

namespace PublicServices.Identity.Apis;

/// <summary>
/// Internal: what another service may ask about an account, each address for its one caller. The gateway never routes
/// <c>/api/*/internal/…</c>, so only services reach it, directly.
/// </summary>
public static class InternalApi
{
    /// <summary>The scope (and audience) of service tokens for these addresses.</summary>
    public const string Scope = "identity";

    public static WebApplication MapInternalApi(this WebApplication app)
    {
        // The notifications service mails and texts people by their user id: it keeps no copy of their addresses.
        app.MapGet("/api/identity/internal/users/{id}", GetContact).WithTags("Internal").DisableAntiforgery()
            .RequireAuthorization(p => p.AddAuthenticationSchemes(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
                .RequireCaller(ServiceCallers.Notifications).RequireScope(Scope));
        return app;
    }

    /// <summary>How to reach a person: their name, e-mail (and whether they confirmed it) and phone.</summary>
    public sealed record UserContact(string Id, string FullName, string? Email, bool EmailConfirmed, string? Phone, string? Language);

    static async Task<Results<Ok<UserContact>, ProblemHttpResult>> GetContact(string id, UserManager<ApplicationUser> users,
        IStringLocalizer<Messages> text)
    {
        var user = await users.FindByIdAsync(id);
        return user is null
            ? Problems.NotFound(text["Account.NotFound"])
            : TypedResults.Ok(new UserContact(user.Id, user.FullName, user.Email, user.EmailConfirmed, user.PhoneNumber, user.Language));
    }
}
