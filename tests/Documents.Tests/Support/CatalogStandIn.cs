using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PublicServices.Documents.Tests.Support;

/// <summary>
/// A real HTTP catalog serving GET /api/catalog/procedures/{code} in the contract's Procedure shape, standing in
/// for the Catalog service (built in parallel) so these tests exercise the real Refit client and service discovery.
/// </summary>
public sealed class CatalogStandIn : IAsyncDisposable
{
    readonly WebApplication app;
    public string Address { get; }

    CatalogStandIn(WebApplication app, string address) { this.app = app; Address = address; }

    public static async Task<CatalogStandIn> StartAsync(params TestProcedure[] procedures)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var byCode = procedures.ToDictionary(p => p.Code);
        app.MapGet("/api/catalog/procedures/{code}", (string code) =>
            byCode.TryGetValue(code, out var p) && p.Published
                ? Results.Json(p.AsContract())
                : Results.Problem(statusCode: 404, title: "Procedure not found"));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new CatalogStandIn(app, address);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

public sealed record TestRequirement(string Code, long MaxSizeBytes, params string[] AcceptedTypes);

/// <summary>A procedure as the catalog publishes it; only the required documents vary between tests.</summary>
public sealed record TestProcedure(string Code, string AgencyCode, IReadOnlyList<TestRequirement> Requirements, bool Published = true)
{
    public object AsContract() => new
    {
        code = Code,
        nameVi = $"Thủ tục thử nghiệm {Code}",
        nameEn = $"Test procedure {Code}",
        agencyCode = AgencyCode,
        level = 4,
        formSchema = new { type = "object", properties = new { } },
        requiredDocuments = Requirements.Select(r => new
        {
            code = r.Code,
            nameVi = $"Tài liệu {r.Code}",
            nameEn = $"Document {r.Code}",
            mandatory = true,
            acceptedTypes = r.AcceptedTypes,
            maxSizeBytes = r.MaxSizeBytes,
        }),
        fees = new[] { new { code = "LP", nameVi = "Lệ phí", nameEn = "Fee", amount = 50000 } },
        statutoryWorkingDays = 5,
        legalBasis = "Nghị định 118/2025/NĐ-CP",
        published = Published,
        version = 1,
        workflowDefinitionId = "default-approval",
    };
}

/// <summary>The procedure every test uploads against; limits are small so limit tests stay fast.</summary>
public static class TestCatalog
{
    public const string Procedure = "9.000001";
    public const string Agency = "000.00.12.H10";
    public const string OtherAgency = "000.20.01.H10";
    public const string PdfOnly = "don-de-nghi";
    public const string Images = "anh-chan-dung";
    public const string Any = "giay-to-khac";
    public const string Drawings = "ban-ve";
    public const long SmallLimit = 256 * 1024;
    public const long DrawingsLimit = 40L * 1024 * 1024;
    /// <summary>A few S3 parts of the smallest size: for limit tests of multipart uploads.</summary>
    public const string Scans = "ban-chup";
    public const long ScansLimit = 12L * 1024 * 1024;

    public static TestProcedure Default { get; } = new(Procedure, Agency,
    [
        new(PdfOnly, SmallLimit, "application/pdf"),
        new(Images, SmallLimit, "image/jpeg", "image/png"),
        new(Any, SmallLimit, "application/pdf", "image/*"),
        new(Drawings, DrawingsLimit, "application/pdf"),
        new(Scans, ScansLimit, "application/pdf"),
    ]);

    public static TestProcedure Unpublished { get; } = new("9.000002", Agency, [new(PdfOnly, SmallLimit, "application/pdf")], Published: false);
}
