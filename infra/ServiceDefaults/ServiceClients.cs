using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Refit;

namespace PublicServices.ServiceDefaults;

public static class ServiceClientExtensions
{
    /// <summary>
    /// Registers a typed Refit client for another service, reached by its service-discovery name
    /// ("http://catalog"), with the standard resilience handler (from the HttpClient defaults) and this
    /// service's own client-credentials token.
    /// </summary>
    public static IHttpClientBuilder AddServiceClient<TClient>(this IServiceCollection services, string serviceName, string scope)
        where TClient : class
    {
        services.AddSingleton<ServiceTokenCache>();
        // Refit 16 builds requests only through its source generator unless Refit.Reflection (not served here) is added.
        return services.AddRefitGeneratedClient<TClient>(new RefitSettings(new SystemTextJsonContentSerializer(new JsonSerializerOptions(JsonSerializerDefaults.Web))))
            .ConfigureHttpClient(c => c.BaseAddress = new Uri($"http://{serviceName}"))
            .AddHttpMessageHandler(sp => new ServiceTokenHandler(sp.GetRequiredService<ServiceTokenCache>(),
                sp.GetRequiredService<IOptions<AuthOptions>>(), scope));
    }

    /// <summary>
    /// Registers a typed Refit client for another service that sends the caller's own bearer token on
    /// (<see cref="CallerTokenHandler"/>), so that service applies its own rule of who sees what.
    /// </summary>
    public static IHttpClientBuilder AddCallerTokenClient<TClient>(this IServiceCollection services, string serviceName)
        where TClient : class
    {
        services.AddHttpContextAccessor();
        services.AddTransient<CallerTokenHandler>();
        return services.AddRefitGeneratedClient<TClient>(new RefitSettings(new SystemTextJsonContentSerializer(new JsonSerializerOptions(JsonSerializerDefaults.Web))))
            .ConfigureHttpClient(c => c.BaseAddress = new Uri($"http://{serviceName}"))
            .AddHttpMessageHandler<CallerTokenHandler>();
    }
}

/// <summary>
/// Client-credentials tokens for service-to-service calls. Each process keeps its own short cache: a token is
/// not shared state, any replica may fetch its own.
/// </summary>
public sealed class ServiceTokenCache(IHttpClientFactory clients, IOptions<AuthOptions> options)
{
    readonly SemaphoreSlim gate = new(1, 1);
    readonly System.Collections.Concurrent.ConcurrentDictionary<string, (string Token, DateTimeOffset Expires)> tokens = new();

    public async Task<string> GetAsync(string scope, CancellationToken cancel)
    {
        if (tokens.TryGetValue(scope, out var t) && t.Expires > DateTimeOffset.UtcNow.AddSeconds(60))
            return t.Token;
        await gate.WaitAsync(cancel);
        try
        {
            if (tokens.TryGetValue(scope, out t) && t.Expires > DateTimeOffset.UtcNow.AddSeconds(60))
                return t.Token;
            var a = options.Value;
            using var request = new HttpRequestMessage(HttpMethod.Post, a.Authority.TrimEnd('/') + "/connect/token")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["grant_type"] = "client_credentials",
                    ["client_id"] = a.ClientId ?? throw new InvalidOperationException("Auth:ClientId is required to call other services"),
                    ["client_secret"] = a.ClientSecret ?? throw new InvalidOperationException("Auth:ClientSecret is required to call other services"),
                    ["scope"] = scope,
                }),
            };
            using var response = await clients.CreateClient(TokenValidationExtensions.IdentityClient).SendAsync(request, cancel);
            response.EnsureSuccessStatusCode();
            using var json = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancel));
            var token = json.RootElement.GetProperty("access_token").GetString()!;
            var expires = DateTimeOffset.UtcNow.AddSeconds(json.RootElement.TryGetProperty("expires_in", out var e) ? e.GetInt32() : 300);
            tokens[scope] = (token, expires);
            return token;
        }
        finally { gate.Release(); }
    }
}

/// <summary>
/// Adds this service's token. A service with no client of its own (no Auth:ClientId) calls anonymously, which is
/// enough for another service's public endpoints (e.g. the catalog's procedures).
/// </summary>
sealed class ServiceTokenHandler(ServiceTokenCache cache, IOptions<AuthOptions> options, string scope) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(options.Value.ClientId))
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await cache.GetAsync(scope, cancellationToken));
        return await base.SendAsync(request, cancellationToken);
    }
}
