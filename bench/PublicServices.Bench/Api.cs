using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PublicServices.Bench;

/// <summary>HTTP to the system under test: one pooled client, the business client's token, JSON reads.</summary>
public sealed class Api : IDisposable
{
    public HttpClient Http { get; }
    readonly BenchOptions options;

    public Api(BenchOptions options)
    {
        this.options = options;
        Http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = int.MaxValue,
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
        })
        { Timeout = Timeout.InfiniteTimeSpan };
    }

    public Uri Gateway(string path) => new(options.Gateway.TrimEnd('/') + path);

    /// <summary>A client-credentials token for the business client, through the gateway like any API client.</summary>
    public async Task<string> BusinessTokenAsync()
    {
        if (string.IsNullOrEmpty(options.ClientSecret))
            throw new InvalidOperationException("BENCH_ClientSecret (the demo-business secret) is not set");
        using var response = await Http.PostAsync(Gateway("/connect/token"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = options.ClientId,
            ["client_secret"] = options.ClientSecret,
            ["scope"] = options.Scopes,
        }));
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"token request failed: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!["access_token"]!.GetValue<string>();
    }

    public async Task<JsonNode> GetJsonAsync(Uri uri, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"GET {uri} answered {(int)response.StatusCode}: {Trim(body)}");
        return JsonNode.Parse(body) ?? throw new InvalidOperationException($"GET {uri} answered no JSON");
    }

    public static string Trim(string text) => text.Length <= 600 ? text : text[..600] + "…";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Dispose() => Http.Dispose();
}
