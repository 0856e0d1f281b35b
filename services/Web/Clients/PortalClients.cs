using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Refit;

namespace PublicServices.Web.Clients;

public static class PortalClients
{
    /// <summary>The name of the client that streams files to and from the documents service (no retries, long timeout).</summary>
    public const string Files = "documents-files";

    /// <summary>The client that streams the payments service's e-receipts.</summary>
    public const string PaymentFiles = "payments-files";

    /// <summary>
    /// The typed clients, reached by service-discovery name with the standard resilience handler; each request carries
    /// the person's access token and language. File transfers get a client of their own: a retry would need the
    /// body again and the standard timeouts would cut a large upload.
    /// </summary>
    public static IServiceCollection AddPortalClients(this IServiceCollection services)
    {
        services.AddTransient<UserTokenHandler>();
        services.AddMemoryCache();
        services.AddScoped<CatalogReads>();
        var settings = new RefitSettings(new SystemTextJsonContentSerializer(new JsonSerializerOptions(JsonSerializerDefaults.Web)));
        Add<ICatalogClient>("catalog");
        Add<IDossiersClient>("dossiers");
        Add<ISatisfactionClient>("dossiers");
        Add<IDocumentsClient>("documents");
        Add<IWorkflowClient>("workflow");
        Add<IIdentityClient>("identity");
        Add<IPaymentsClient>("payments");
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is marked experimental
        services.AddHttpClient(Files, c => { c.BaseAddress = new Uri("http://documents"); c.Timeout = TimeSpan.FromMinutes(30); })
            .RemoveAllResilienceHandlers()
            .AddHttpMessageHandler<UserTokenHandler>();
        services.AddHttpClient(PaymentFiles, c => c.BaseAddress = new Uri("http://payments")).AddHttpMessageHandler<UserTokenHandler>();
        // A service the portal can do without: a few seconds and no retries, then the page says it is unavailable.
        services.AddRefitGeneratedClient<INotificationsClient>(settings)
            .ConfigureHttpClient(c => { c.BaseAddress = new Uri("http://notifications"); c.Timeout = TimeSpan.FromSeconds(5); })
            .RemoveAllResilienceHandlers()
            .AddHttpMessageHandler<UserTokenHandler>();
#pragma warning restore EXTEXP0001
        return services;

        void Add<T>(string service) where T : class =>
            services.AddRefitGeneratedClient<T>(settings)
                .ConfigureHttpClient(c => c.BaseAddress = new Uri($"http://{service}"))
                .AddHttpMessageHandler<UserTokenHandler>();
    }
}

/// <summary>Adds the signed-in person's access token (from their server-side session) and their language.</summary>
public sealed class UserTokenHandler(IHttpContextAccessor http) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (http.HttpContext is { } context && await context.GetTokenAsync("access_token") is { } token)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName));
        return await base.SendAsync(request, cancellationToken);
    }
}
