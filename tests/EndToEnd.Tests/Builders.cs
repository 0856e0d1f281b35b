using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PublicServices.Testing;

namespace PublicServices.EndToEnd.Tests;

public sealed record Citizen(string FullName, string NationalId, string Email, string Phone, string Password);

/// <summary>Builds citizens with valid, unique registration data.</summary>
public static class Citizens
{
    public static Citizen New()
    {
        var n = RandomNumberGenerator.GetInt32(0, 1_000_000);
        // 001 = Hà Nội; 0 = male born in the 20th century; 90 = 1990; then a 6-digit serial.
        return new Citizen($"Nguyễn Văn Thử {n}", $"001090{n:D6}", $"citizen{n}.{Guid.NewGuid():N}"[..30] + "@example.vn",
            $"09{RandomNumberGenerator.GetInt32(10_000_000, 99_999_999)}", "Citizen@2026!");
    }

    /// <summary>Registers a new citizen and opens the confirmation link the identity service mailed (read from smtp4dev).</summary>
    public static async Task<Citizen> RegisterAsync(HttpClient http)
    {
        var c = New();
        using var response = await http.PostAsJsonAsync("/api/identity/citizens",
            new { fullName = c.FullName, nationalId = c.NationalId, email = c.Email, phone = c.Phone, password = c.Password });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, body);
        var link = await Mailbox.LinkAsync(c.Email);
        using var confirmed = await http.GetAsync(link.PathAndQuery);
        Assert.Equal(System.Net.HttpStatusCode.OK, confirmed.StatusCode);
        return c;
    }
}

public static class Documents
{
    /// <summary>A small file that is a PDF by its content.</summary>
    /// <summary>A real one-page PDF: the documents service opens every PDF it is sent.</summary>
    public static byte[] SamplePdf() => PublicServices.Testing.SampleFiles.Pdf(2100);

    public static async Task<JsonObject> UploadAsync(HttpClient http, string procedure, string requirement, byte[] bytes, string fileName)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", fileName);
        using var response = await http.PostAsync($"/api/documents?procedure={procedure}&requirement={requirement}", form);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, body);
        return JsonNode.Parse(body)!.AsObject();
    }
}

public static class Dossiers
{
    /// <summary>Waits until the citizen's dossier shows the status (the workflow reports it through the outbox).</summary>
    public static async Task<JsonObject> WaitForStatusAsync(HttpClient citizen, string dossierId, int status)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            var dossier = (await citizen.GetFromJsonAsync<JsonObject>($"/api/dossiers/{dossierId}"))!;
            if ((int)dossier["status"]!["code"]! == status)
                return dossier;
            Assert.True(DateTime.UtcNow < until, $"dossier still {(int)dossier["status"]!["code"]!}, expected {status}");
            await Task.Delay(300);
        }
    }

    public const string BirthRegistration = "1.001193";

    public static async Task<JsonObject> BirthRegistrationRequestAsync(HttpClient http)
    {
        var procedure = (await http.GetFromJsonAsync<JsonObject>($"/api/catalog/procedures/{BirthRegistration}"))!;
        var documents = new JsonArray();
        foreach (var requirement in procedure["requiredDocuments"]!.AsArray().Where(r => (bool)r!["mandatory"]!))
        {
            var code = (string)requirement!["code"]!;
            var document = await Documents.UploadAsync(http, BirthRegistration, code, Documents.SamplePdf(), "chung-sinh.pdf");
            documents.Add(new JsonObject { ["requirementCode"] = code, ["documentId"] = (string)document["id"]! });
        }
        return new JsonObject { ["procedureCode"] = BirthRegistration, ["formData"] = SampleForms.BirthRegistration(), ["documents"] = documents };
    }

    public static async Task<(string DossierId, string DocumentId)> SubmitBirthRegistrationAsync(HttpClient http)
    {
        var request = await BirthRegistrationRequestAsync(http);
        using var response = await http.PostAsJsonAsync("/api/dossiers", request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, body);
        return ((string)JsonNode.Parse(body)!["id"]!, (string)request["documents"]![0]!["documentId"]!);
    }

    /// <summary>Submits with an Idempotency-Key; <paramref name="reuse"/> sends the earlier request again unchanged.</summary>
    public static async Task<(HttpResponseMessage Response, JsonObject Body)> SubmitBirthRegistrationWithKeyAsync(HttpClient http, string key, JsonObject? reuse = null)
    {
        var request = reuse ?? await BirthRegistrationRequestAsync(http);
        using var message = new HttpRequestMessage(HttpMethod.Post, "/api/dossiers") { Content = JsonContent.Create(request) };
        message.Headers.Add("Idempotency-Key", key);
        var response = await http.SendAsync(message);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        body["request"] = request.DeepClone();
        return (response, body);
    }
}

public static class SampleForms
{
    /// <summary>A complete, valid birth-registration form (procedure 1.001193).</summary>
    public static JsonObject BirthRegistration() => new()
    {
        ["childFullName"] = "Nguyễn Thị Mai Anh",
        ["childDateOfBirth"] = DateTime.UtcNow.AddDays(-10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["childSex"] = "female",
        ["placeOfBirth"] = "Bệnh viện Đa khoa tỉnh Hưng Yên",
        ["childNationality"] = "Việt Nam",
        ["childEthnicity"] = "Kinh",
        ["motherFullName"] = "Trần Thị Hoa",
        ["motherIdNumber"] = "033195001234",
        ["fatherFullName"] = "Nguyễn Văn Nam",
        ["fatherIdNumber"] = "033093004321",
        ["requesterRelationship"] = "father",
        ["requesterPhone"] = "0912345678",
    };
}

public static class ForgedTokens
{
    /// <summary>A well-formed JWT for the right issuer and audience, signed with a key the identity service never had.</summary>
    public static string Forge() => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = SystemFixture.Gateway.ToString(),
        Audience = "dossiers",
        Subject = new ClaimsIdentity([new Claim("sub", "intruder"), new Claim("role", "citizen"), new Claim("scope", "dossiers")]),
        Expires = DateTime.UtcNow.AddMinutes(5),
        SigningCredentials = new SigningCredentials(new RsaSecurityKey(RSA.Create(2048)) { KeyId = "forged" }, SecurityAlgorithms.RsaSha256),
    });
}

public static class Officers
{
    public const string Scope = "openid profile offline_access dossiers documents workflow";

    /// <summary>A client signed in as this officer (or the administrator) through the gateway's login.</summary>
    public static async Task<HttpClient> SignInAsync(SystemFixture system, string userName)
    {
        var http = system.Client();
        http.DefaultRequestHeaders.Authorization = new("Bearer",
            (await new BrowserLogin(SystemFixture.Gateway).LoginAsync(userName, SystemFixture.OfficerPassword, Scope)).AccessToken);
        return http;
    }
}
