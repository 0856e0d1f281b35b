using System.Text.Json.Nodes;

namespace PublicServices.Documents.Tests.Support;

/// <summary>
/// The procedures the catalog stand-in publishes, as JSON in the catalog's shape (CatalogProcedure in the contracts);
/// only the required documents vary between tests. Limits are small so limit tests stay fast.
/// </summary>
public static class TestCatalog
{
    public const string Procedure = "9.000001";
    /// <summary>
    /// A procedure the catalog holds unpublished. The catalog answers 404 for it, as for an unknown code, so it is never
    /// published to the stand-in (which serves whatever it is given).
    /// </summary>
    public const string Unpublished = "9.000002";
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

    /// <summary>The procedure every test uploads against (a new object each time: a node has one parent).</summary>
    public static JsonObject Default() => ProcedureJson(Procedure, Agency,
        Requirement(PdfOnly, SmallLimit, "application/pdf"),
        Requirement(Images, SmallLimit, "image/jpeg", "image/png"),
        Requirement(Any, SmallLimit, "application/pdf", "image/*"),
        Requirement(Drawings, DrawingsLimit, "application/pdf"),
        Requirement(Scans, ScansLimit, "application/pdf"));

    public static JsonObject ProcedureJson(string code, string agency, params JsonObject[] requirements) => new()
    {
        ["code"] = code,
        ["nameVi"] = $"Thủ tục thử nghiệm {code}",
        ["nameEn"] = $"Test procedure {code}",
        ["agencyCode"] = agency,
        ["level"] = 4,
        ["formSchema"] = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject() },
        ["requiredDocuments"] = new JsonArray(requirements),
        ["fees"] = new JsonArray(new JsonObject { ["code"] = "LP", ["nameVi"] = "Lệ phí", ["nameEn"] = "Fee", ["amount"] = 50000 }),
        ["statutoryWorkingDays"] = 5,
        ["legalBasis"] = "Nghị định 118/2025/NĐ-CP",
        ["published"] = true,
        ["version"] = 1,
        ["workflowDefinitionId"] = "default-approval",
    };

    public static JsonObject Requirement(string code, long maxSizeBytes, params string[] acceptedTypes) => new()
    {
        ["code"] = code,
        ["nameVi"] = $"Tài liệu {code}",
        ["nameEn"] = $"Document {code}",
        ["mandatory"] = true,
        ["acceptedTypes"] = new JsonArray(acceptedTypes.Select(t => (JsonNode)t).ToArray()),
        ["maxSizeBytes"] = maxSizeBytes,
    };
}
