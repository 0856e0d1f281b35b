using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PublicServices.Catalog.Seed;
using PublicServices.Catalog.Tests.Support;
using PublicServices.Testing;

namespace PublicServices.Catalog.Tests;

[Collection(ReadOnlyCatalog.Name)]
public sealed class SearchTests(CatalogApp app)
{
    static readonly string[] Published =
    [
        SeedProcedures.BirthRegistration, SeedProcedures.BusinessHousehold, SeedProcedures.DrivingLicenceRenewal,
        SeedProcedures.ConstructionPermit, SeedProcedures.JudicialRecord, SeedProcedures.CivilStatusExtractCopy,
    ];

    async Task<JsonObject> Search(string query) =>
        await (await app.Client().GetAsync("/api/catalog/procedures" + query)).Json(HttpStatusCode.OK);

    [Theory]
    [InlineData("Đăng ký khai sinh")]
    [InlineData("khai sinh")]
    [InlineData("dang ky khai sinh")]
    [InlineData("KHAI SÍNH")]
    [InlineData("  khai   sinh ")]
    [InlineData("sinh khai")]
    [InlineData("birth registration")]
    public async Task Vietnamese_search_ignores_diacritics_case_and_word_order(string q)
    {
        var page = await Search("?q=" + Uri.EscapeDataString(q));
        Assert.Equal([SeedProcedures.BirthRegistration], page.Codes());
        Assert.Equal(1, page["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_letter_đ_matches_plain_d()
    {
        var accented = await Search("?q=" + Uri.EscapeDataString("đổi giấy phép lái xe"));
        Assert.Equal([SeedProcedures.DrivingLicenceRenewal], accented.Codes());
        Assert.True(JsonNode.DeepEquals(accented, await Search("?q=doi%20giay%20phep%20lai%20xe")));
    }

    [Fact]
    public async Task Every_word_must_match_somewhere_in_the_code_or_names()
    {
        // "cấp" and "đổi"/"đối" occur in both the licence renewal and the construction permit ("đối với").
        Assert.Equal([SeedProcedures.DrivingLicenceRenewal, SeedProcedures.ConstructionPermit], (await Search("?q=cap%20doi")).Codes());
        Assert.Empty((await Search("?q=khai%20sinh%20xay%20dung")).Codes());
    }

    [Theory]
    [InlineData("1.001193", SeedProcedures.BirthRegistration)]
    [InlineData("2.000488", SeedProcedures.JudicialRecord)]
    [InlineData("009972", SeedProcedures.ConstructionPermit)]
    public async Task Search_finds_a_procedure_by_its_code(string q, string expected) =>
        Assert.Equal([expected], (await Search("?q=" + q)).Codes());

    [Theory]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("khai%sinh")]
    public async Task Like_wildcards_in_the_query_are_taken_literally(string q) =>
        Assert.Empty((await Search("?q=" + Uri.EscapeDataString(q))).Codes());

    [Fact]
    public async Task Without_a_query_every_published_procedure_is_listed_by_code_with_its_summary()
    {
        var page = await Search("");
        Assert.Equal(Published.Order(StringComparer.Ordinal), page.Codes());
        Assert.Equal(6, page["total"]!.GetValue<int>());
        Assert.Equal(1, page["page"]!.GetValue<int>());
        Assert.Equal(20, page["pageSize"]!.GetValue<int>());

        var judicial = page["items"]!.AsArray().Single(i => i!["code"]!.GetValue<string>() == SeedProcedures.JudicialRecord)!.AsObject();
        Assert.Equal(SeedAgencies.ServiceCentre, judicial["agencyCode"]!.GetValue<string>());
        Assert.Equal(4, judicial["level"]!.GetValue<int>());
        Assert.Equal(10, judicial["statutoryWorkingDays"]!.GetValue<int>());
        Assert.Equal(200_000, judicial["totalFee"]!.GetValue<long>());
        Assert.StartsWith("Cấp Phiếu lý lịch tư pháp", judicial["nameVi"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("Judicial record certificate", judicial["nameEn"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(judicial.ContainsKey("formSchema"), "a summary carries no form schema");
    }

    [Fact]
    public async Task Pages_split_the_ordered_list_and_each_reports_the_full_total()
    {
        var ordered = Published.Order(StringComparer.Ordinal).ToArray();
        var pages = new List<string>();
        for (var p = 1; p <= 3; p++)
        {
            var page = await Search($"?pageSize=2&page={p}");
            Assert.Equal(6, page["total"]!.GetValue<int>());
            Assert.Equal(p, page["page"]!.GetValue<int>());
            Assert.Equal(2, page["pageSize"]!.GetValue<int>());
            pages.AddRange(page.Codes());
        }
        Assert.Equal(ordered, pages);

        var beyond = await Search("?pageSize=2&page=4");
        Assert.Empty(beyond.Codes());
        Assert.Equal(6, beyond["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task Level_filter_keeps_only_that_service_level()
    {
        Assert.Equal([SeedProcedures.ConstructionPermit], (await Search("?level=3")).Codes());
        var level4 = await Search("?level=4");
        Assert.Equal(5, level4["total"]!.GetValue<int>());
        Assert.DoesNotContain(SeedProcedures.ConstructionPermit, level4.Codes());
    }

    [Fact]
    public async Task Agency_filter_covers_the_agency_and_every_unit_below_it()
    {
        Assert.Equal([SeedProcedures.BirthRegistration, SeedProcedures.BusinessHousehold, SeedProcedures.CivilStatusExtractCopy], (await Search("?agency=" + SeedAgencies.PhoHienWard)).Codes());
        Assert.Equal(3, (await Search("?agency=" + SeedAgencies.ServiceCentre))["total"]!.GetValue<int>());
        Assert.Equal(6, (await Search("?agency=" + SeedAgencies.Province))["total"]!.GetValue<int>());
        Assert.Empty((await Search("?agency=" + SeedAgencies.Justice)).Codes());
        Assert.Empty((await Search("?agency=000.99.99.H10")).Codes());
        Assert.Equal([SeedProcedures.BusinessHousehold],
            (await Search($"?agency={SeedAgencies.Province}&level=4&q=ho%20kinh%20doanh")).Codes());
    }

    [Fact]
    public async Task Unpublished_procedures_are_not_found_by_search()
    {
        var page = await Search("?q=" + Uri.EscapeDataString("kết hôn"));
        Assert.Empty(page.Codes());
        Assert.Equal(0, page["total"]!.GetValue<int>());
        Assert.Empty((await Search("?q=" + SeedProcedures.MarriageRegistration)).Codes());
    }

    [Fact]
    public async Task On_postgresql_the_repeated_search_statements_are_prepared()
    {
        var connection = await app.WithDb(db => Task.FromResult(db.Database.GetConnectionString()!));
        Assert.Equal(32, new Npgsql.NpgsqlConnectionStringBuilder(connection).MaxAutoPrepare);
    }

    [Theory]
    [InlineData("?page=0", "page")]
    [InlineData("?page=-3", "page")]
    [InlineData("?page=abc", "page")]
    [InlineData("?pageSize=0", "pageSize")]
    [InlineData("?pageSize=101", "pageSize")]
    [InlineData("?pageSize=ten", "pageSize")]
    [InlineData("?level=2", "level")]
    public async Task Bad_paging_or_level_is_a_400_problem_naming_the_field_in_Vietnamese(string query, string field)
    {
        var errors = await (await app.Client().GetAsync("/api/catalog/procedures" + query)).FieldErrors();
        Assert.Equal([field], errors.Keys);
        Assert.Matches("(Số trang|Cỡ trang|Mức độ)", Assert.Single(errors[field]));
    }

    [Fact]
    public async Task Bad_paging_is_explained_in_English_when_the_caller_asks_for_English()
    {
        var response = await app.Client(language: "en").GetAsync("/api/catalog/procedures?page=0&pageSize=500");
        var errors = await response.FieldErrors();
        Assert.Equal("The page must be a whole number from 1 to 21474836.", Assert.Single(errors["page"]));
        Assert.Equal("The page size must be a whole number from 1 to 100.", Assert.Single(errors["pageSize"]));

        var vi = await (await app.Client().GetAsync("/api/catalog/procedures?pageSize=500")).FieldErrors();
        Assert.Equal("Cỡ trang phải là số nguyên từ 1 đến 100.", Assert.Single(vi["pageSize"]));
    }
}
