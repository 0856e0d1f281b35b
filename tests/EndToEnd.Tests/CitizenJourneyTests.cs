using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace PublicServices.EndToEnd.Tests;

[Collection(SystemCollection.Name)]
public sealed class CitizenJourneyTests(SystemFixture system)
{
    const string BirthRegistration = "1.001193";
    const string WardDesk = "desk@000.20.01.H10";
    const string CentreDesk = "desk@000.00.12.H10";
    static readonly string OfficerPassword = SystemFixture.OfficerPassword;

    [Fact]
    public async Task A_citizen_registers_logs_in_submits_a_dossier_and_an_officer_of_the_agency_sees_it()
    {
        using var http = system.Client();
        var citizen = await Citizens.RegisterAsync(http);
        var tokens = await new BrowserLogin(SystemFixture.Gateway).LoginAsync(citizen.Email, citizen.Password);
        Assert.NotNull(tokens.RefreshToken);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);

        // Find the procedure in the public catalog, without diacritics.
        var search = await http.GetFromJsonAsync<JsonObject>("/api/catalog/procedures?q=khai%20sinh&page=1&pageSize=10");
        Assert.Contains(search!["items"]!.AsArray(), p => (string?)p!["code"] == BirthRegistration);
        var procedure = (await http.GetFromJsonAsync<JsonObject>($"/api/catalog/procedures/{BirthRegistration}"))!;

        // Upload two documents: every requirement of birth registration (one mandatory, one optional).
        var documents = new JsonArray();
        foreach (var requirement in procedure["requiredDocuments"]!.AsArray().Take(2))
        {
            var requirementCode = (string)requirement!["code"]!;
            var document = await Documents.UploadAsync(http, BirthRegistration, requirementCode, Documents.SamplePdf(), "giấy tờ.pdf");
            documents.Add(new JsonObject { ["requirementCode"] = requirementCode, ["documentId"] = (string)document["id"]! });
        }
        Assert.Equal(2, documents.Count);

        var submit = new JsonObject
        {
            ["procedureCode"] = BirthRegistration,
            ["formData"] = SampleForms.BirthRegistration(),
            ["documents"] = documents,
        };
        using var submitted = await http.PostAsJsonAsync("/api/dossiers", submit);
        var body = await submitted.Content.ReadAsStringAsync();
        Assert.True(submitted.StatusCode == HttpStatusCode.Created, body);
        var dossier = JsonNode.Parse(body)!.AsObject();
        var code = (string)dossier["code"]!;
        Assert.Matches(@"^000\.20\.01\.H10-\d{6}-\d{4}$", code);

        // The citizen sees it in their list, with its timeline.
        var mine = await http.GetFromJsonAsync<JsonObject>("/api/dossiers");
        Assert.Contains(mine!["items"]!.AsArray(), d => (string?)d!["code"] == code);

        // An officer of the owning agency sees it, and can read its documents.
        var desk = await new BrowserLogin(SystemFixture.Gateway).LoginAsync(WardDesk, OfficerPassword);
        using var officer = system.Client();
        officer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", desk.AccessToken);
        var inbox = await officer.GetFromJsonAsync<JsonObject>("/api/dossiers");
        Assert.Contains(inbox!["items"]!.AsArray(), d => (string?)d!["code"] == code);
        var documentId = (string)documents[0]!["documentId"]!;
        using var content = await officer.GetAsync($"/api/documents/{documentId}/content");
        Assert.Equal(HttpStatusCode.OK, content.StatusCode);

        // The public lookup shows the status and nothing personal.
        using var anonymous = system.Client();
        var lookup = await anonymous.GetStringAsync($"/api/dossiers/lookup/{code}");
        Assert.Contains(code, lookup, StringComparison.Ordinal);
        Assert.DoesNotContain(citizen.FullName, lookup, StringComparison.Ordinal);
        Assert.DoesNotContain(citizen.NationalId, lookup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_citizen_and_an_officer_of_another_agency_cannot_read_the_dossier_or_its_documents()
    {
        using var a = system.Client();
        var citizenA = await Citizens.RegisterAsync(a);
        a.DefaultRequestHeaders.Authorization = new("Bearer", (await new BrowserLogin(SystemFixture.Gateway).LoginAsync(citizenA.Email, citizenA.Password)).AccessToken);
        var (dossierId, documentId) = await Dossiers.SubmitBirthRegistrationAsync(a);

        using var b = system.Client();
        var citizenB = await Citizens.RegisterAsync(b);
        b.DefaultRequestHeaders.Authorization = new("Bearer", (await new BrowserLogin(SystemFixture.Gateway).LoginAsync(citizenB.Email, citizenB.Password)).AccessToken);

        using var other = system.Client();
        other.DefaultRequestHeaders.Authorization = new("Bearer", (await new BrowserLogin(SystemFixture.Gateway).LoginAsync(CentreDesk, OfficerPassword)).AccessToken);

        foreach (var intruder in new[] { b, other })
        {
            foreach (var path in new[] { $"/api/dossiers/{dossierId}", $"/api/documents/{documentId}", $"/api/documents/{documentId}/content", $"/api/documents/{documentId}/link" })
            {
                using var response = await intruder.GetAsync(path);
                Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, $"{path}: {(int)response.StatusCode}");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
            var list = await intruder.GetFromJsonAsync<JsonObject>("/api/dossiers");
            Assert.DoesNotContain(list!["items"]!.AsArray(), d => (string?)d!["id"] == dossierId);
        }

        using var noToken = system.Client();
        using var unauthorized = await noToken.GetAsync($"/api/dossiers/{dossierId}");
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        using var forged = system.Client();
        forged.DefaultRequestHeaders.Authorization = new("Bearer", ForgedTokens.Forge());
        using var refused = await forged.GetAsync("/api/dossiers");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task A_business_client_submitting_twice_with_the_same_idempotency_key_gets_one_dossier()
    {
        using var http = system.Client();
        using var token = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = SystemFixture.BusinessClientId,
            ["client_secret"] = SystemFixture.BusinessClientSecret, ["scope"] = "catalog documents dossiers",
        }));
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        var access = (await token.Content.ReadFromJsonAsync<Tokens>())!.AccessToken;
        http.DefaultRequestHeaders.Authorization = new("Bearer", access);

        var key = Guid.NewGuid().ToString();
        var (first, firstBody) = await Dossiers.SubmitBirthRegistrationWithKeyAsync(http, key);
        var (second, secondBody) = await Dossiers.SubmitBirthRegistrationWithKeyAsync(http, key, reuse: (JsonObject)firstBody["request"]!.DeepClone());
        Assert.True(first.IsSuccessStatusCode, firstBody.ToJsonString());
        Assert.True(second.IsSuccessStatusCode, secondBody.ToJsonString());
        Assert.Equal((string)firstBody["id"]!, (string)secondBody["id"]!);
        Assert.Equal((string)firstBody["code"]!, (string)secondBody["code"]!);

        var mine = await http.GetFromJsonAsync<JsonObject>("/api/dossiers?pageSize=100");
        Assert.Single(mine!["items"]!.AsArray(), d => (string?)d!["code"] == (string)firstBody["code"]!);
    }
}
