using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;

namespace PublicServices.ServiceDefaults;

/// <summary>
/// The services' own clients at the identity service (client credentials, role service), and the one rule for an
/// internal endpoint: it names the single client allowed to call it. The role alone is not enough: one leaked
/// service secret would then open every service's internal endpoints. Event intake names its producers per event
/// type in configuration instead (Messaging:Producers, <see cref="Messaging.MessagingOptions.MayProduce"/>).
/// </summary>
public static class ServiceCallers
{
    public const string Dossiers = "svc-dossiers";
    public const string Workflow = "svc-workflow";
    public const string Notifications = "svc-notifications";

    /// <summary>Only <paramref name="clientId"/>'s own token for this API (<paramref name="scope"/>) may call the endpoint; anyone else gets 403.</summary>
    public static TBuilder RequireCaller<TBuilder>(this TBuilder endpoint, string clientId, string scope) where TBuilder : IEndpointConventionBuilder =>
        endpoint.RequireAuthorization(p => p.RequireCaller(clientId).RequireScope(scope));

    /// <summary>A service token issued to <paramref name="clientId"/>.</summary>
    public static AuthorizationPolicyBuilder RequireCaller(this AuthorizationPolicyBuilder policy, string clientId) =>
        policy.RequireRole(Roles.Service).RequireClaim(Claims.ClientId, clientId);
}
