using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using PublicServices.Testing;

namespace PublicServices.Notifications.Tests;

/// <summary>
/// The identity service's <c>GET /api/identity/internal/users/{id}</c> with its rule: only a token of svc-notifications
/// for the "identity" audience (else 401/403; the token is read, not validated: identity's own tests cover that).
/// </summary>
public sealed class IdentityStandIn : StandInHost
{
    readonly ConcurrentDictionary<string, object> users = new();

    /// <summary>A person the stand-in knows, with unique addresses; returns their id and e-mail.</summary>
    public (string Id, string Email, string Phone) AddPerson(bool emailConfirmed = true)
    {
        var id = Guid.NewGuid().ToString();
        var email = $"n{id[..8]}@example.vn";
        var phone = "09" + Random.Shared.Next(10_000_000, 99_999_999);
        users[id] = new { id, fullName = "Nguyễn Văn " + id[..4], email, emailConfirmed, phone };
        return (id, email, phone);
    }

    public static async Task<IdentityStandIn> StartAsync()
    {
        var standIn = new IdentityStandIn();
        var app = NewBuilder().Build();
        app.MapGet("/api/identity/internal/users/{id}", (string id, HttpRequest request) =>
        {
            var header = request.Headers.Authorization.ToString();
            var token = header.StartsWith("Bearer ", StringComparison.Ordinal) ? new JsonWebToken(header["Bearer ".Length..]) : null;
            if (token is null || !token.Audiences.Contains("identity"))
                return Results.Problem(statusCode: StatusCodes.Status401Unauthorized);
            if (token.Claims.FirstOrDefault(c => c.Type == "client_id")?.Value != "svc-notifications")
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden);
            return standIn.users.TryGetValue(id, out var user) ? Results.Json(user) : Results.Problem(statusCode: StatusCodes.Status404NotFound);
        });
        await standIn.StartAsync(app);
        return standIn;
    }
}
