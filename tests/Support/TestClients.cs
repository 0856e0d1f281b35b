using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc.Testing;

namespace PublicServices.Testing;

/// <summary>HTTP clients of a service under test.</summary>
public static class TestClients
{
    /// <summary>A client of the service, with a bearer token and an Accept-Language when given.</summary>
    public static HttpClient Client<TEntryPoint>(this WebApplicationFactory<TEntryPoint> factory, string? token = null, string? language = null)
        where TEntryPoint : class
    {
        var client = factory.CreateClient();
        if (token is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (language is not null)
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return client;
    }
}
