using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PublicServices.Catalog.Seed;
using PublicServices.Catalog.Tests.Support;
using PublicServices.Testing;

namespace PublicServices.Catalog.Tests;

/// <summary>Administrators write procedures; these tests change data, so they have a database of their own.</summary>
public sealed class AdminProcedureTests(CatalogApp app) : IClassFixture<CatalogApp>
{
    static int next = 100;
    /// <summary>A fresh procedure code per test, so tests do not see each other's writes.</summary>
    static string NewCode() => $"9.{Interlocked.Increment(ref next):D6}";

    HttpClient Admin(string? language = null) => app.Client(app.AdminToken(), language);

    [Fact]
    public async Task An_admin_creates_a_procedure_unpublished_and_publishing_makes_it_public()
    {
        var code = NewCode();
        var created = await Admin().PutAsJsonAsync($"/api/catalog/procedures/{code}", new ProcedureBody().Build());
        var body = await created.Json(HttpStatusCode.Created);
        Assert.Equal($"/api/catalog/procedures/{code}", created.Headers.Location?.OriginalString);
        Assert.False(body["published"]!.GetValue<bool>());
        Assert.Equal(1, body["version"]!.GetValue<int>());
        Assert.Equal(15_000, body["totalFee"]!.GetValue<long>());

        var anonymous = app.Client();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/catalog/procedures/{code}")).StatusCode);
        Assert.Empty((await (await anonymous.GetAsync($"/api/catalog/procedures?q={code}")).Json(HttpStatusCode.OK)).Codes());

        var published = await (await Admin().PostAsync($"/api/catalog/procedures/{code}/publish", null)).Json(HttpStatusCode.OK);
        Assert.True(published["published"]!.GetValue<bool>());
        var detail = await (await anonymous.GetAsync($"/api/catalog/procedures/{code}")).Json(HttpStatusCode.OK);
        Assert.Equal("Cấp giấy xác nhận tình trạng hôn nhân", detail["nameVi"]!.GetValue<string>());
        Assert.Equal([code], (await (await anonymous.GetAsync($"/api/catalog/procedures?q={code}%20tinh%20trang%20hon%20nhan")).Json(HttpStatusCode.OK)).Codes());

        await (await Admin().PostAsync($"/api/catalog/procedures/{code}/unpublish", null)).Json(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/catalog/procedures/{code}")).StatusCode);
    }

    [Fact]
    public async Task Changing_the_content_raises_the_version_and_resending_it_unchanged_does_not()
    {
        var code = NewCode();
        await (await Admin().PutAsJsonAsync($"/api/catalog/procedures/{code}", new ProcedureBody().Build())).Json(HttpStatusCode.Created);

        var changed = new ProcedureBody().With("statutoryWorkingDays", 5).With("nameEn", "Marital status certificate").Build();
        var v2 = await (await Admin().PutAsJsonAsync($"/api/catalog/procedures/{code}", changed)).Json(HttpStatusCode.OK);
        Assert.Equal(2, v2["version"]!.GetValue<int>());
        Assert.Equal(5, v2["statutoryWorkingDays"]!.GetValue<int>());

        var again = await (await Admin().PutAsJsonAsync($"/api/catalog/procedures/{code}", changed)).Json(HttpStatusCode.OK);
        Assert.Equal(2, again["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_change_based_on_an_old_version_is_refused_with_409_and_not_applied()
    {
        var code = NewCode();
        await (await Admin().PutAsJsonAsync($"/api/catalog/procedures/{code}", new ProcedureBody().Build())).Json(HttpStatusCode.Created);
        await (await Admin().PutAsJsonAsync($"/api/catalog/procedures/{code}", new ProcedureBody().With("statutoryWorkingDays", 4).With("version", 1).Build()))
            .Json(HttpStatusCode.OK);

        var stale = await Admin().PutAsJsonAsync($"/api/catalog/procedures/{code}", new ProcedureBody().With("statutoryWorkingDays", 9).With("version", 1).Build());
        var problem = await stale.Problem(HttpStatusCode.Conflict);
        Assert.Equal(2, problem["currentVersion"]!.GetValue<int>());

        await (await Admin().PostAsync($"/api/catalog/procedures/{code}/publish", null)).Json(HttpStatusCode.OK);
        var stored = await (await app.Client().GetAsync($"/api/catalog/procedures/{code}")).Json(HttpStatusCode.OK);
        Assert.Equal(4, stored["statutoryWorkingDays"]!.GetValue<int>());
    }

    [Fact]
    public async Task Without_a_token_the_admin_endpoints_answer_401()
    {
        var code = NewCode();
        var anonymous = app.Client();
        var put = await anonymous.PutAsJsonAsync($"/api/catalog/procedures/{code}", new ProcedureBody().Build());
        Assert.Equal(HttpStatusCode.Unauthorized, put.StatusCode);
        Assert.Equal("application/problem+json", put.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync($"/api/catalog/procedures/{SeedProcedures.MarriageRegistration}/publish", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync($"/api/catalog/procedures/{SeedProcedures.BirthRegistration}/unpublish", null)).StatusCode);
        await AssertNotStored(code);
    }

    public static TheoryData<string> BadTokens => ["forged", "expired", "other-audience", "other-issuer", "not-an-access-token"];

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_token_that_fails_validation_is_refused_with_401(string kind)
    {
        var code = NewCode();
        var token = kind switch
        {
            "forged" => app.AdminToken(forge: true),
            "expired" => app.AdminToken(lifetime: TimeSpan.FromMinutes(-5)),
            "other-audience" => app.AdminToken(audience: "dossiers"),
            "not-an-access-token" => app.Issuer.Token("catalog", [new Claim("sub", "admin-1"), new Claim("role", "admin"), new Claim("scope", "catalog")], type: "JWT"),
            _ => app.Issuer.Token("catalog", [new Claim("sub", "admin-1"), new Claim("role", "admin"), new Claim("scope", "catalog")], issuer: "http://evil.test/"),
        };
        var response = await app.Client(token).PutAsJsonAsync($"/api/catalog/procedures/{code}", new ProcedureBody().Build());
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertNotStored(code);
    }

    [Fact]
    public async Task A_citizen_an_officer_or_an_admin_without_the_catalog_scope_is_refused_with_403()
    {
        var code = NewCode();
        string[] tokens =
        [
            app.Issuer.Citizen("catalog", "citizen-1"),
            app.Issuer.Officer("catalog", "desk-1", SeedAgencies.ServiceCentre, "one_stop_desk", "leader"),
            app.Issuer.Service("catalog", "svc-dossiers"),
            app.AdminToken(scope: "openid profile"),
        ];
        foreach (var token in tokens)
        {
            var put = await app.Client(token).PutAsJsonAsync($"/api/catalog/procedures/{code}", new ProcedureBody().Build());
            Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
            Assert.Equal("application/problem+json", put.Content.Headers.ContentType?.MediaType);
            var publish = await app.Client(token).PostAsync($"/api/catalog/procedures/{SeedProcedures.MarriageRegistration}/publish", null);
            Assert.Equal(HttpStatusCode.Forbidden, publish.StatusCode);
        }
        await AssertNotStored(code);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client().GetAsync($"/api/catalog/procedures/{SeedProcedures.MarriageRegistration}")).StatusCode);
    }

    [Fact]
    public async Task A_form_that_is_not_a_valid_json_schema_is_refused_with_400_in_both_languages()
    {
        var code = NewCode();
        var body = new ProcedureBody().WithSchema(s => s["properties"]!["fullName"]!["type"] = "strin").Build();

        var vi = await (await Admin().PutAsJsonAsync($"/api/catalog/procedures/{code}", body)).FieldErrors();
        Assert.StartsWith("Biểu mẫu không phải JSON Schema hợp lệ", Assert.Single(vi["formSchema"]), StringComparison.Ordinal);
        var en = await (await Admin("en").PutAsJsonAsync($"/api/catalog/procedures/{code}", body)).FieldErrors();
        Assert.StartsWith("The form is not a valid JSON Schema", Assert.Single(en["formSchema"]), StringComparison.Ordinal);
        await AssertNotStored(code);
    }

    public static TheoryData<string, string> BadBodies => new()
    {
        { "bad-regex", "formSchema" },
        { "schema-string", "formSchema" },
        { "missing-label", "formSchema.properties.fullName.x-label" },
        { "unlabelled-enum", "formSchema.properties.purpose.x-enumLabels" },
        { "required-unknown", "formSchema.required" },
        { "level-5", "level" },
        { "level-text", "level" },
        { "unknown-agency", "agencyCode" },
        { "exe-type", "requiredDocuments[0].acceptedTypes" },
        { "no-types", "requiredDocuments[0].acceptedTypes" },
        { "zero-size", "requiredDocuments[0].maxSizeBytes" },
        { "negative-fee", "fees[0].amount" },
        { "fee-due-later", "fees[0].due" },
        { "no-days", "statutoryWorkingDays" },
        { "no-name", "nameVi" },
        { "bad-workflow", "workflowDefinitionId" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Invalid_content_is_refused_with_400_naming_the_field(string mistake, string field)
    {
        var code = NewCode();
        var body = new ProcedureBody();
        _ = mistake switch
        {
            "bad-regex" => body.WithSchema(s => s["properties"]!["fullName"]!["pattern"] = "[a-"),
            "schema-string" => body.With("formSchema", "{\"type\":\"object\"}"),
            "missing-label" => body.WithSchema(s => s["properties"]!["fullName"]!.AsObject().Remove("x-label")),
            "unlabelled-enum" => body.WithSchema(s => s["properties"]!["purpose"]!["enum"]!.AsArray().Add("work")),
            "required-unknown" => body.WithSchema(s => s["required"]!.AsArray().Add("nickname")),
            "level-5" => body.With("level", 5),
            "level-text" => body.With("level", "three"),
            "unknown-agency" => body.With("agencyCode", "000.99.99.H10"),
            "exe-type" => body.WithDocument(d => d["acceptedTypes"] = new JsonArray("application/pdf", "application/x-msdownload")),
            "no-types" => body.WithDocument(d => d["acceptedTypes"] = new JsonArray()),
            "zero-size" => body.WithDocument(d => d["maxSizeBytes"] = 0),
            "negative-fee" => body.With("fees", new JsonArray(new JsonObject { ["code"] = "le-phi", ["nameVi"] = "Lệ phí", ["nameEn"] = "Fee", ["amount"] = -1 })),
            "fee-due-later" => body.With("fees", new JsonArray(new JsonObject { ["code"] = "le-phi", ["nameVi"] = "Lệ phí", ["nameEn"] = "Fee", ["amount"] = 1, ["due"] = "later" })),
            "no-days" => body.Without("statutoryWorkingDays"),
            "no-name" => body.With("nameVi", "  "),
            "bad-workflow" => body.With("workflowDefinitionId", "One Stop!"),
            _ => throw new ArgumentOutOfRangeException(nameof(mistake)),
        };
        var errors = await (await Admin().PutAsJsonAsync($"/api/catalog/procedures/{code}", body.Build())).FieldErrors();
        Assert.Equal([field], errors.Keys);
        await AssertNotStored(code);
    }

    [Fact]
    public async Task A_malformed_procedure_code_is_refused_with_400()
    {
        var errors = await (await Admin().PutAsJsonAsync("/api/catalog/procedures/not-a-code", new ProcedureBody().Build())).FieldErrors();
        Assert.Equal(["code"], errors.Keys);
    }

    [Fact]
    public async Task Publishing_an_unknown_procedure_is_a_404_problem()
    {
        var response = await Admin().PostAsync("/api/catalog/procedures/9.999999/publish", null);
        await response.Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Two_admins_creating_the_same_procedure_at_once_leave_one_procedure()
    {
        var code = NewCode();
        var puts = Enumerable.Range(0, 4).Select(i => Admin().PutAsJsonAsync($"/api/catalog/procedures/{code}", new ProcedureBody().With("statutoryWorkingDays", 2 + i).Build()));
        var statuses = (await Task.WhenAll(puts)).Select(r => r.StatusCode).ToList();
        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.All(statuses, s => Assert.Contains(s, new[] { HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.Conflict }));
        Assert.Equal(1, await app.WithDb(db => db.Procedures.CountAsync(p => p.Code == code)));
    }

    async Task AssertNotStored(string code)
    {
        Assert.False(await app.WithDb(db => db.Procedures.AnyAsync(p => p.Code == code)), $"procedure {code} must not have been stored");
    }
}
