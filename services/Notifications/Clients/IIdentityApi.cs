using Refit;

namespace PublicServices.Notifications.Clients;

/// <summary>How to reach a person, as the identity service tells its one caller (<c>GET /api/identity/internal/users/{id}</c>).</summary>
public sealed record UserContact(string Id, string? FullName, string? Email, bool EmailConfirmed, string? Phone);

/// <summary>The identity service's internal address for the notifications service, with this service's own token (scope "identity").</summary>
public interface IIdentityApi
{
    [Get("/api/identity/internal/users/{id}")]
    Task<IApiResponse<UserContact>> GetUserAsync(string id, CancellationToken cancel);
}
