using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace PublicServices.Gateway.Tests;

public sealed class ProxyFixture : GatewayFixture
{
    // A short standard timeout so the slow backend proves the 504 quickly; uploads keep theirs (30 min).
    protected override Dictionary<string, string?> Settings => new() { ["Gateway:Timeouts:Default"] = "00:00:01" };
}

public sealed class ProxyTests(ProxyFixture fixture) : IClassFixture<ProxyFixture>
{
    readonly HttpClient client = fixture.Gateway.Client();

    [Theory]
    [InlineData("/connect/authorize?client_id=portal", "identity")]
    [InlineData("/.well-known/openid-configuration", "identity")]
    [InlineData("/account/login?ReturnUrl=%2F", "identity")]
    [InlineData("/api/identity/users/me", "identity")]
    [InlineData("/api/catalog/procedures?q=khai%20sinh&page=2", "catalog")]
    [InlineData("/api/documents/0a1b/content", "documents")]
    [InlineData("/api/dossiers/lookup/000.00.12.H10-261126-0001", "dossiers")]
    [InlineData("/api/workflow/tasks?overdue=true", "workflow")]
    [InlineData("/api/payments/vnpay/ipn?vnp_TxnRef=abc&vnp_Amount=20000000", "payments")]
    [InlineData("/api/notifications/preferences", "notifications")]
    [InlineData("/", "web")]
    [InlineData("/procedures/1.001193?culture=en", "web")]
    [InlineData("/favicon.ico", "web")]
    [InlineData("/apply/x", "web")]
    public async Task Each_prefix_reaches_its_own_service_with_the_original_path(string url, string service)
    {
        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var echo = await Echo.ReadAsync(response);
        Assert.Equal(service, echo.Service);
        Assert.Equal(url, echo.Path + echo.Query);
    }

    [Fact]
    public async Task The_backend_learns_the_original_client_host_and_scheme_from_forwarded_headers()
    {
        using var response = await client.GetAsync("/api/catalog/procedures");

        var echo = await Echo.ReadAsync(response);
        Assert.Equal("127.0.0.1", echo.Headers["X-Forwarded-For"]);
        Assert.Equal("http", echo.Headers["X-Forwarded-Proto"]);
        Assert.Equal(fixture.Gateway.Address.Authority, echo.Headers["X-Forwarded-Host"]);
    }

    [Fact]
    public async Task A_request_without_a_correlation_id_gets_one_that_the_backend_sees_and_the_caller_gets_back()
    {
        using var response = await client.GetAsync("/api/catalog/procedures");

        var id = response.Headers.GetValues("X-Correlation-Id").Single();
        Assert.Matches("^[A-Za-z0-9._-]{8,64}$", id);
        Assert.Equal(id, (await Echo.ReadAsync(response)).Headers["X-Correlation-Id"]);
    }

    [Fact]
    public async Task A_well_formed_correlation_id_is_passed_through_unchanged()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/dossiers/lookup/x");
        request.Headers.Add("X-Correlation-Id", "portal-7f3a.42_b");

        using var response = await client.SendAsync(request);

        Assert.Equal("portal-7f3a.42_b", response.Headers.GetValues("X-Correlation-Id").Single());
        Assert.Equal("portal-7f3a.42_b", (await Echo.ReadAsync(response)).Headers["X-Correlation-Id"]);
    }

    [Theory]
    [InlineData("has spaces and <script>")]
    [InlineData("ThisIdIsFarTooLongToBeAcceptedBecauseItGoesOnAndOnPastSixtyFourCharacters")]
    public async Task A_malformed_correlation_id_is_replaced(string malformed)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/catalog/procedures");
        request.Headers.TryAddWithoutValidation("X-Correlation-Id", malformed);

        using var response = await client.SendAsync(request);

        var id = response.Headers.GetValues("X-Correlation-Id").Single();
        Assert.NotEqual(malformed, id);
        Assert.Matches("^[A-Za-z0-9._-]{8,64}$", id);
        Assert.Equal(id, (await Echo.ReadAsync(response)).Headers["X-Correlation-Id"]);
    }

    [Fact]
    public async Task Proxied_answers_carry_the_security_headers_and_no_server_banner()
    {
        using var response = await client.GetAsync("/api/catalog/procedures");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertSecurityHeaders(response);
        Assert.Empty(response.Headers.Server);
        Assert.False(response.Headers.Contains("X-Powered-By"));
        Assert.False(response.Headers.Contains("Strict-Transport-Security")); // plain HTTP here
    }

    [Fact]
    public async Task Html_pages_get_a_content_security_policy_that_allows_forms_and_styles_from_self()
    {
        using var response = await client.GetAsync("/account/page");

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("form-action 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("style-src 'self'", csp, StringComparison.Ordinal);
        AssertSecurityHeaders(response);
    }

    [Theory]
    [InlineData("/api")]
    [InlineData("/api/nothing/here")]
    [InlineData("/api/catalogue/procedures")]
    public async Task An_unknown_API_path_answers_404_problem_details_with_the_security_headers(string path)
    {
        using var response = await client.GetAsync(path);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
        AssertSecurityHeaders(response);
        Assert.Empty(response.Headers.Server);
    }

    [Fact]
    public async Task An_over_limit_json_post_with_content_length_is_refused_413_without_reaching_the_service()
    {
        var before = fixture.Backends["dossiers"].Hits;
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes("{\"data\":\"" + new string('a', 1_100_000) + "\"}"));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await client.PostAsync("/api/dossiers", content);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(1_048_576, problem.GetProperty("limitBytes").GetInt64());
        Assert.Equal("Dữ liệu gửi lên vượt quá dung lượng cho phép", problem.GetProperty("title").GetString());
        Assert.Equal(before, fixture.Backends["dossiers"].Hits);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task A_json_post_under_the_limit_passes()
    {
        using var content = new GeneratedContent(900_000, chunked: false);

        using var response = await client.PostAsync("/api/dossiers", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(900_000, (await Echo.ReadAsync(response)).BodyBytes);
    }

    [Fact]
    public async Task A_chunked_body_is_cut_at_the_limit_with_413_problem_details()
    {
        using var content = new GeneratedContent(3 * 1_048_576 / 2, chunked: true);

        using var response = await client.PostAsync("/api/dossiers/drafts", content);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_50_MB_upload_passes_on_the_documents_route_but_is_refused_on_dossiers()
    {
        const long size = 50L * 1024 * 1024;

        using (var upload = await client.PostAsync("/api/documents?procedure=1.009972&requirement=BV", new GeneratedContent(size, chunked: true)))
        {
            Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
            Assert.Equal(size, (await Echo.ReadAsync(upload)).BodyBytes);
        }

        // Expect: 100-continue, as a well-behaved client sends before a large body, lets it read the refusal
        // instead of writing 50 MB into a connection the gateway is closing.
        var before = fixture.Backends["dossiers"].Hits;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/dossiers") { Content = new GeneratedContent(size, chunked: false) };
        request.Headers.ExpectContinue = true;
        using var refused = await client.SendAsync(request);
        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("close", refused.Headers.Connection.Single());
        Assert.Equal(before, fixture.Backends["dossiers"].Hits);
    }

    [Fact]
    public async Task A_result_PDF_of_several_MB_reaches_the_portals_verify_upload_but_no_other_portal_post()
    {
        const long size = 5L * 1024 * 1024;
        using (var upload = await client.PostAsync("/verify", new GeneratedContent(size, chunked: true)))
        {
            Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
            Assert.Equal(size, (await Echo.ReadAsync(upload)).BodyBytes);
        }

        var before = fixture.Backends["web"].Hits;
        using var refused = await client.PostAsync("/verify/0a1b", new GeneratedContent(size, chunked: false));
        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(before, fixture.Backends["web"].Hits);
    }

    [Fact]
    public async Task The_upload_limit_applies_only_to_posting_a_document_not_to_other_document_paths()
    {
        var before = fixture.Backends["documents"].Hits;
        using var response = await client.PostAsync("/api/documents/0a1b/link", new GeneratedContent(2 * 1_048_576, chunked: false));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(before, fixture.Backends["documents"].Hits);
    }

    [Theory]
    [InlineData("/api/dossiers/events", "dossiers")]
    [InlineData("/api/dossiers/events/batch", "dossiers")]
    [InlineData("/api/workflow/events", "workflow")]
    [InlineData("/api/workflow/Events/batch", "workflow")]
    [InlineData("/api/payments/events/batch", "payments")]
    [InlineData("/api/notifications/events", "notifications")]
    [InlineData("/api/notifications/events/batch", "notifications")]
    [InlineData("/api/documents/attachments", "documents")]
    [InlineData("/api/documents/attachments/release", "documents")]
    [InlineData("/api/dossiers/internal/0190e7a2-0000-7000-8000-000000000001", "dossiers")]
    public async Task The_services_internal_addresses_answer_404_from_outside_and_never_reach_the_service(string path, string service)
    {
        var before = fixture.Backends[service].Hits;
        using var content = new StringContent("{\"events\":[]}", Encoding.UTF8, "application/json");

        using var posted = await client.PostAsync(path, content);
        using var read = await client.GetAsync(path);

        await ProblemAssert.IsProblemAsync(posted, HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(read, HttpStatusCode.NotFound);
        Assert.Equal(before, fixture.Backends[service].Hits);
    }

    [Fact]
    public async Task A_service_slower_than_the_route_timeout_gives_504_problem_details()
    {
        var started = DateTime.UtcNow;

        using var response = await client.GetAsync("/api/catalog/slow");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.GatewayTimeout);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5));
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task Problem_titles_follow_the_callers_language()
    {
        using var vi = await client.GetAsync("/api/nothing");
        using var enRequest = new HttpRequestMessage(HttpMethod.Get, "/api/nothing");
        enRequest.Headers.AcceptLanguage.ParseAdd("en-US,en;q=0.9");
        using var en = await client.SendAsync(enRequest);

        Assert.Equal("Không tìm thấy địa chỉ được yêu cầu", (await ProblemAssert.IsProblemAsync(vi, HttpStatusCode.NotFound)).GetProperty("title").GetString());
        Assert.Equal("Nothing is served at this address", (await ProblemAssert.IsProblemAsync(en, HttpStatusCode.NotFound)).GetProperty("title").GetString());
    }

    internal static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        string One(string name) => response.Headers.GetValues(name).Single();
        Assert.Equal("nosniff", One("X-Content-Type-Options"));
        Assert.Equal("DENY", One("X-Frame-Options"));
        Assert.Equal("no-referrer", One("Referrer-Policy"));
        Assert.Equal("camera=(), microphone=(), geolocation=()", One("Permissions-Policy"));
        Assert.Equal("same-origin", One("Cross-Origin-Opener-Policy"));
        Assert.Single(response.Headers.GetValues("X-Correlation-Id"));
    }
}
