using System.Net;
using PublicServices.Documents.Tests.Support;

namespace PublicServices.Documents.Tests.Integration;

public sealed class AuthenticationTests(LocalApp app) : IClassFixture<LocalApp>
{
    public static TheoryData<string, string> Routes => new()
    {
        { "GET", $"/api/documents/{Guid.NewGuid()}" },
        { "GET", $"/api/documents/{Guid.NewGuid()}/content" },
        { "GET", $"/api/documents/{Guid.NewGuid()}/link" },
        { "GET", "/api/documents?unattached=true" },
        { "POST", DocumentsApp.UploadUrl(TestCatalog.PdfOnly) },
        { "POST", DocumentsApp.OfficerFileUrl(Guid.NewGuid()) },
        { "POST", "/api/documents/attachments" },
    };

    static HttpRequestMessage Request(string method, string url) => new(new HttpMethod(method), url)
    {
        Content = method != "POST" ? null
            : url.EndsWith("/attachments", StringComparison.Ordinal) ? System.Net.Http.Json.JsonContent.Create(new { dossierId = Guid.NewGuid() })
            : TestFiles.Form(TestFiles.Pdf(1000), "a.pdf"),
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task A_request_without_a_token_is_refused_with_401(string method, string url)
    {
        using var client = app.Client();
        using var response = await client.SendAsync(Request(method, url));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task A_forged_expired_foreign_or_non_access_token_is_refused_with_401(string method, string url)
    {
        var claims = new System.Security.Claims.Claim[] { new("sub", "citizen-a"), new("role", "citizen"), new("scope", "documents") };
        var tokens = new[]
        {
            app.Tokens.Token(DocumentsApp.Audience, claims, forge: true),
            app.Tokens.Token(DocumentsApp.Audience, claims, lifetime: TimeSpan.FromMinutes(-5)),
            app.Tokens.Token("dossiers", claims),
            app.Tokens.Token(DocumentsApp.Audience, claims, issuer: "http://evil.test/"),
            app.Tokens.Token(DocumentsApp.Audience, claims, type: "JWT"), // signed by the right key, but not an access token
        };
        foreach (var token in tokens)
        {
            using var client = app.Client(token);
            using var response = await client.SendAsync(Request(method, url));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }
}

public sealed class OpenApiTests(S3App app) : IClassFixture<S3App>
{
    [Fact]
    public async Task The_openapi_document_describes_the_documents_routes_and_is_public()
    {
        using var client = app.Client();
        using var response = await client.GetAsync("/api/documents/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = doc.RootElement.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/documents", out _));
        Assert.True(paths.TryGetProperty("/api/documents/{id}/content", out _));
        Assert.True(paths.TryGetProperty("/api/documents/attachments", out _));
    }
}
