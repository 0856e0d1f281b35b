using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json.Nodes;
using PublicServices.Dossiers.Tests.StandIns;

using PublicServices.Testing;

namespace PublicServices.Dossiers.Tests.Integration;

/// <summary>Who may do what: tokens, applicants, officers of the right and the wrong agency, and anonymous lookup.</summary>
public sealed class AccessTests(DossiersHost host) : IClassFixture<DossiersHost>
{
    const string Owner = "citizen-access-a";
    const string Other = "citizen-access-b";

    [Theory]
    [InlineData("POST", "/api/dossiers")]
    [InlineData("GET", "/api/dossiers")]
    [InlineData("GET", "/api/dossiers/0190e7a2-0000-7000-8000-000000000001")]
    [InlineData("GET", "/api/dossiers/drafts")]
    [InlineData("POST", "/api/dossiers/drafts")]
    public async Task Without_a_token_the_answer_is_401(string method, string path)
    {
        using var client = host.Client();
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
            request.Content = JsonContent.Create(new SubmissionBuilder().Build());
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task An_expired_token_is_401()
    {
        using var client = host.Client(host.Tokens.Token(DossiersHost.Audience,
            [new("sub", Owner), new("role", "citizen")], lifetime: TimeSpan.FromMinutes(-5)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.Submit(host.Submission(Owner))).StatusCode);
    }

    [Fact]
    public async Task A_forged_token_is_401()
    {
        using var client = host.Client(host.Tokens.Token(DossiersHost.Audience, [new("sub", Owner), new("role", "citizen")], forge: true));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.Submit(host.Submission(Owner))).StatusCode);
    }

    [Fact]
    public async Task A_token_for_another_service_is_401()
    {
        using var client = host.Client(host.Tokens.Citizen("catalog", Owner));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/dossiers")).StatusCode);
    }

    [Fact]
    public async Task An_officer_cannot_submit_and_a_service_cannot_list()
    {
        using var officer = host.Officer(Procedures.WardAgency);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.Submit(new SubmissionBuilder())).StatusCode);
        using var service = host.Client(host.Tokens.Service(DossiersHost.Audience, "svc-other"));
        Assert.Equal(HttpStatusCode.Forbidden, (await service.GetAsync("/api/dossiers")).StatusCode);
    }

    [Fact]
    public async Task Another_citizen_can_neither_read_nor_list_the_dossier()
    {
        var dossier = await host.SubmitAsync(Owner);
        using var other = host.Citizen(Other);
        await (await other.GetAsync($"/api/dossiers/{dossier["id"]}")).Problem(HttpStatusCode.NotFound);
        var list = await (await other.GetAsync("/api/dossiers")).Json(HttpStatusCode.OK);
        Assert.DoesNotContain(list["items"]!.AsArray(), d => (string)d!["id"]! == (string)dossier["id"]!);

        using var owner = host.Citizen(Owner);
        var read = await (await owner.GetAsync($"/api/dossiers/{dossier["id"]}")).Json(HttpStatusCode.OK);
        Assert.Equal((string)dossier["code"]!, (string)read["code"]!);
        Assert.Single(read["timeline"]!.AsArray());
        Assert.Single(read["documents"]!.AsArray());
        var own = await (await owner.GetAsync("/api/dossiers")).Json(HttpStatusCode.OK);
        Assert.Contains(own["items"]!.AsArray(), d => (string)d!["id"]! == (string)dossier["id"]!);
        Assert.All(own["items"]!.AsArray(), d => Assert.Equal("Nguyễn Văn " + Owner, (string)d!["applicantName"]!));
    }

    [Fact]
    public async Task An_officer_of_the_agency_lists_and_reads_the_dossier()
    {
        var dossier = await host.SubmitAsync(Owner);
        using var officer = host.Officer(Procedures.WardAgency);
        var read = await (await officer.GetAsync($"/api/dossiers/{dossier["id"]}")).Json(HttpStatusCode.OK);
        Assert.Equal("Nguyễn Minh An", (string)read["formData"]!["childName"]!);
        var list = await (await officer.GetAsync("/api/dossiers?pageSize=100")).Json(HttpStatusCode.OK);
        Assert.Contains(list["items"]!.AsArray(), d => (string)d!["id"]! == (string)dossier["id"]!);
        Assert.All(list["items"]!.AsArray(), d => Assert.Equal(Procedures.WardAgency, (string)d!["agencyCode"]!));
    }

    [Fact]
    public async Task An_officer_of_another_agency_can_neither_read_nor_list_it()
    {
        var dossier = await host.SubmitAsync(Owner);
        using var officer = host.Officer(Procedures.CentreAgency);
        await (await officer.GetAsync($"/api/dossiers/{dossier["id"]}")).Problem(HttpStatusCode.NotFound);
        var list = await (await officer.GetAsync("/api/dossiers")).Json(HttpStatusCode.OK);
        Assert.Empty(list["items"]!.AsArray());
        Assert.Equal(0, (int)list["total"]!);
    }

    [Fact]
    public async Task An_officer_token_without_an_agency_is_refused()
    {
        using var client = host.Client(host.Tokens.Token(DossiersHost.Audience, [new Claim("sub", "desk"), new Claim("role", "one_stop_desk")]));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/dossiers")).StatusCode);
    }

    [Fact]
    public async Task Lists_page_and_filter_by_status_and_refuse_bad_parameters()
    {
        const string applicant = "citizen-paging";
        for (var i = 0; i < 3; i++)
            await host.SubmitAsync(applicant);
        using var client = host.Citizen(applicant);
        var page = await (await client.GetAsync("/api/dossiers?page=2&pageSize=2&status=1")).Json(HttpStatusCode.OK);
        Assert.Equal(3, (int)page["total"]!);
        Assert.Single(page["items"]!.AsArray());
        var received = await (await client.GetAsync("/api/dossiers?status=2")).Json(HttpStatusCode.OK);
        Assert.Equal(0, (int)received["total"]!);
        var errors = await (await client.GetAsync("/api/dossiers?page=0&pageSize=1000&status=11")).FieldErrors();
        Assert.Equal(["page", "pageSize", "status"], errors.Keys.Order());
    }

    [Fact]
    public async Task The_public_lookup_shows_the_status_without_personal_data()
    {
        var dossier = await host.SubmitAsync(Owner);
        using var anonymous = host.Client();
        var response = await anonymous.GetAsync($"/api/dossiers/lookup/{dossier["code"]}");
        var body = await response.Content.ReadAsStringAsync();
        var lookup = await response.Json(HttpStatusCode.OK);

        Assert.Equal((string)dossier["code"]!, (string)lookup["code"]!);
        Assert.Equal("Đăng ký khai sinh", (string)lookup["procedureNameVi"]!);
        Assert.Equal("Birth registration", (string)lookup["procedureNameEn"]!);
        Assert.Equal(1, (int)lookup["status"]!["code"]!);
        Assert.Equal("New", (string)lookup["status"]!["en"]!);
        Assert.Equal(Procedures.WardAgency, (string)lookup["agencyCode"]!);
        Assert.NotNull(lookup["submittedAt"]);
        Assert.Equal(["agencyCode", "code", "procedureCode", "procedureNameEn", "procedureNameVi", "status", "submittedAt"],
            lookup.Select(p => p.Key).Order());
        // Every name and value, unescaped, so that \u-escaped Vietnamese text cannot slip past the check.
        var texts = string.Join("\n", Texts(JsonNode.Parse(body)!));
        foreach (var personal in new[] { Owner, "Nguyễn Văn", "Nguyễn Minh An", "033190012345", (string)dossier["id"]!, "formData", "applicant" })
            Assert.DoesNotContain(personal, texts, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("000.20.01.H10-200101-9999")]
    [InlineData("not-a-code")]
    public async Task Looking_up_an_unknown_code_is_404(string code)
    {
        using var anonymous = host.Client();
        await (await anonymous.GetAsync($"/api/dossiers/lookup/{code}")).Problem(HttpStatusCode.NotFound);
    }

    static IEnumerable<string> Texts(JsonNode node) => node switch
    {
        JsonObject o => o.SelectMany(p => Texts(p.Value!).Prepend(p.Key)),
        JsonArray a => a.SelectMany(n => Texts(n!)),
        _ => [node.ToString()],
    };
}
