using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace PublicServices.EndToEnd.Tests;

/// <summary>Bad input through the gateway gets a clear problem+json answer and leaves nothing behind.</summary>
[Collection(SystemCollection.Name)]
public sealed class BadInputTests(SystemFixture system)
{
    async Task<HttpClient> CitizenAsync()
    {
        var http = system.Client();
        var citizen = await Citizens.RegisterAsync(http);
        var tokens = await new BrowserLogin(SystemFixture.Gateway).LoginAsync(citizen.Email, citizen.Password);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        return http;
    }

    static async Task<JsonObject> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(body)!.AsObject();
    }

    static async Task<int> UnattachedCountAsync(HttpClient http) =>
        (await http.GetFromJsonAsync<JsonArray>("/api/documents?unattached=true"))!.Count;

    [Fact]
    public async Task Oversized_and_disguised_uploads_are_refused_and_nothing_is_stored()
    {
        using var http = await CitizenAsync();
        var before = await UnattachedCountAsync(http);

        // The birth certificate requirement accepts 5 MiB.
        var big = Documents.SamplePdf().Concat(new byte[6 * 1024 * 1024]).ToArray();
        using (var form = Multipart(big, "to-qua.pdf"))
            await ProblemAsync(await http.PostAsync("/api/documents?procedure=1.001193&requirement=giay-chung-sinh", form), HttpStatusCode.RequestEntityTooLarge);

        // An ELF executable named .pdf.
        byte[] elf = [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, .. new byte[4096]];
        using (var form = Multipart(elf, "giay-chung-sinh.pdf"))
            await ProblemAsync(await http.PostAsync("/api/documents?procedure=1.001193&requirement=giay-chung-sinh", form), HttpStatusCode.UnsupportedMediaType);

        Assert.Equal(before, await UnattachedCountAsync(http));
    }

    [Fact]
    public async Task Invalid_form_data_gets_field_errors_in_the_callers_language()
    {
        using var http = await CitizenAsync();
        var request = await Dossiers.BirthRegistrationRequestAsync(http);
        request["formData"]!["motherIdNumber"] = "12AB";
        request["formData"]!.AsObject().Remove("childFullName");

        var vi = await ProblemAsync(await http.PostAsJsonAsync("/api/dossiers", request), HttpStatusCode.BadRequest);
        var viErrors = vi["errors"]!.AsObject();
        Assert.Contains(viErrors, e => e.Key.Contains("motherIdNumber", StringComparison.Ordinal));
        Assert.Contains(viErrors, e => e.Key.Contains("childFullName", StringComparison.Ordinal));

        using var message = new HttpRequestMessage(HttpMethod.Post, "/api/dossiers") { Content = JsonContent.Create(request) };
        message.Headers.AcceptLanguage.ParseAdd("en");
        var en = await ProblemAsync(await http.SendAsync(message), HttpStatusCode.BadRequest);
        var key = viErrors.First(e => e.Key.Contains("motherIdNumber", StringComparison.Ordinal)).Key;
        Assert.NotEqual(viErrors[key]![0]!.ToString(), en["errors"]![key]![0]!.ToString());

        // Nothing was created: the citizen still has no dossier.
        var mine = await http.GetFromJsonAsync<JsonObject>("/api/dossiers");
        Assert.Empty(mine!["items"]!.AsArray());
    }

    [Fact]
    public async Task Unknown_procedure_gets_404_and_missing_or_forged_tokens_get_401()
    {
        using var http = await CitizenAsync();
        await ProblemAsync(await http.GetAsync("/api/catalog/procedures/9.999999"), HttpStatusCode.NotFound);
        var request = await Dossiers.BirthRegistrationRequestAsync(http);
        request["procedureCode"] = "9.999999";
        await ProblemAsync(await http.PostAsJsonAsync("/api/dossiers", request), HttpStatusCode.NotFound);

        using var anonymous = system.Client();
        foreach (var path in new[] { "/api/dossiers", "/api/documents?unattached=true", "/api/identity/me" })
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(path)).StatusCode);
        anonymous.DefaultRequestHeaders.Authorization = new("Bearer", ForgedTokens.Forge());
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/dossiers")).StatusCode);
    }

    static MultipartFormDataContent Multipart(byte[] bytes, string fileName)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", fileName);
        return form;
    }
}
