using System.Collections.Immutable;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using PublicServices.Identity.Data;
using PublicServices.Identity.Domain;
using static OpenIddict.Abstractions.OpenIddictConstants;
using SharedClaims = PublicServices.ServiceDefaults.Claims;

namespace PublicServices.Identity.Server;

/// <summary>
/// Builds what goes into tokens, with the claim names of docs/contracts.md: sub, name, email, role (one claim per
/// role), agency (officers), amr (how the user logged in) and, added by OpenIddict, client_id, scope and aud (the
/// resources of the scopes).
/// </summary>
public sealed class TokenPrincipals(UserManager<ApplicationUser> users, IOpenIddictScopeManager scopes, IOpenIddictApplicationManager applications)
{
    /// <summary><paramref name="methods"/>: the login's amr values (<see cref="SecondFactor"/>), kept through codes and refresh tokens.</summary>
    public async Task<ClaimsPrincipal> ForUserAsync(ApplicationUser user, IEnumerable<string> methods, ImmutableArray<string> granted,
        CancellationToken cancel)
    {
        var identity = NewIdentity();
        identity.SetClaim(SharedClaims.Subject, user.Id)
            .SetClaim(SharedClaims.Name, string.IsNullOrEmpty(user.FullName) ? user.UserName : user.FullName)
            .SetClaim(Claims.Email, user.Email)
            .SetClaim(SharedClaims.Agency, user.AgencyCode)
            .SetClaims(SharedClaims.Role, [.. await users.GetRolesAsync(user)]);
        // OpenID Connect's amr is an array even with one value; OpenIddict writes one only from a single JSON_ARRAY claim.
        identity.AddClaim(new Claim(SecondFactor.MethodsClaim, JsonSerializer.Serialize(methods.Distinct(StringComparer.Ordinal)),
            JsonClaimValueTypes.JsonArray));
        return await FinishAsync(identity, granted, cancel);
    }

    /// <summary>A client acting for itself: the subject is the client id, the role the client's configured one.</summary>
    public async Task<ClaimsPrincipal> ForClientAsync(object application, ImmutableArray<string> granted, CancellationToken cancel)
    {
        var clientId = await applications.GetClientIdAsync(application, cancel);
        var properties = await applications.GetPropertiesAsync(application, cancel);
        var identity = NewIdentity();
        identity.SetClaim(SharedClaims.Subject, clientId)
            .SetClaim(SharedClaims.Name, await applications.GetDisplayNameAsync(application, cancel) ?? clientId);
        if (properties.TryGetValue(ClientProperties.Role, out var role) && role.ValueKind == JsonValueKind.String)
            identity.SetClaim(SharedClaims.Role, role.GetString());
        return await FinishAsync(identity, granted, cancel);
    }

    static ClaimsIdentity NewIdentity() =>
        new(TokenValidationParameters.DefaultAuthenticationType, SharedClaims.Name, SharedClaims.Role);

    async Task<ClaimsPrincipal> FinishAsync(ClaimsIdentity identity, ImmutableArray<string> granted, CancellationToken cancel)
    {
        identity.SetScopes(granted);
        var resources = new List<string>();
        await foreach (var resource in scopes.ListResourcesAsync(granted, cancel))
            resources.Add(resource);
        identity.SetResources(resources);
        identity.SetDestinations(claim => Destinations(claim, granted));
        return new ClaimsPrincipal(identity);
    }

    /// <summary>Everything goes into the access token; sub, name, e-mail and amr also into the identity token, roles when asked for.</summary>
    static IEnumerable<string> Destinations(Claim claim, ImmutableArray<string> granted) => claim.Type switch
    {
        SharedClaims.Subject or SharedClaims.Name or Claims.Email or SecondFactor.MethodsClaim =>
            [OpenIddictConstants.Destinations.AccessToken, OpenIddictConstants.Destinations.IdentityToken],
        SharedClaims.Role or SharedClaims.Agency when granted.Contains(Scopes.Roles) =>
            [OpenIddictConstants.Destinations.AccessToken, OpenIddictConstants.Destinations.IdentityToken],
        _ => [OpenIddictConstants.Destinations.AccessToken],
    };
}
