using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using PublicServices.ServiceDefaults;

namespace PublicServices.Web.Sessions;

/// <summary>
/// Renews a session's access token with its refresh token shortly before it expires, so a person filling a long form
/// is not sent back to the login. When the identity service refuses (account locked, token revoked), the session
/// ends and the next page asks for a login, coming back to the same page.
/// </summary>
public sealed class TokenRefresher(IHttpClientFactory clients, IOptions<AuthOptions> auth, IOptions<WebOptions> web, TimeProvider clock,
    ILogger<TokenRefresher> logger)
{
    static readonly TimeSpan Margin = TimeSpan.FromMinutes(1);

    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var now = clock.GetUtcNow();
        if (DateTimeOffset.TryParse(context.Properties.GetTokenValue("expires_at"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var expires)
            && expires - now > Margin)
            return;
        var tokens = context.Properties.GetTokenValue("refresh_token") is { } refresh ? await RefreshAsync(refresh, context.HttpContext.RequestAborted) : null;
        if (tokens is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(WebSchemes.Cookie);
            return;
        }
        context.Properties.UpdateTokenValue("access_token", tokens.Value.Access);
        if (tokens.Value.Refresh is { } rotated) context.Properties.UpdateTokenValue("refresh_token", rotated);
        context.Properties.UpdateTokenValue("expires_at", now.AddSeconds(tokens.Value.ExpiresIn).ToString("o", CultureInfo.InvariantCulture));
        context.ShouldRenew = true;
    }

    async Task<(string Access, string? Refresh, int ExpiresIn)?> RefreshAsync(string refreshToken, CancellationToken cancel)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, auth.Value.Authority.TrimEnd('/') + "/connect/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token",
                ["refresh_token"] = refreshToken,
                ["client_id"] = web.Value.ClientId,
                ["client_secret"] = web.Value.ClientSecret,
            }),
        };
        using var response = await clients.CreateClient(TokenValidationExtensions.IdentityClient).SendAsync(request, cancel);
        if (!response.IsSuccessStatusCode)
        {
            logger.LogInformation("The identity service refused to refresh a session's token ({Status}); the session ends", (int)response.StatusCode);
            return null;
        }
        using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancel), cancellationToken: cancel);
        var root = json.RootElement;
        return (root.GetProperty("access_token").GetString()!,
            root.TryGetProperty("refresh_token", out var r) ? r.GetString() : null,
            root.TryGetProperty("expires_in", out var e) ? e.GetInt32() : 300);
    }
}
