using System.Text.Json.Nodes;

namespace PublicServices.Dossiers.Tests.StandIns;

/// <summary>Procedures as the catalog publishes them (docs/contracts.md, Procedure).</summary>
public static class Procedures
{
    public const string BirthRegistrationCode = "1.001193";
    public const string WardAgency = "000.20.01.H10";
    public const string CentreAgency = "000.00.12.H10";
    public const string BirthCertificate = "GCS";
    public const string MarriageCertificate = "GCNKH";

    static JsonObject Field(string type, string vi, string en, params (string Key, JsonNode? Value)[] rules)
    {
        var field = new JsonObject { ["type"] = type, ["x-label"] = new JsonObject { ["vi"] = vi, ["en"] = en } };
        foreach (var (key, value) in rules)
            field[key] = value;
        return field;
    }

    /// <summary>Birth registration (đăng ký khai sinh), handled by the ward.</summary>
    public static JsonObject BirthRegistration() => new()
    {
        ["code"] = BirthRegistrationCode,
        ["nameVi"] = "Đăng ký khai sinh",
        ["nameEn"] = "Birth registration",
        ["agencyCode"] = WardAgency,
        ["level"] = 4,
        ["formSchema"] = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["type"] = "object",
            ["additionalProperties"] = false,
            ["required"] = new JsonArray("childName", "birthDate", "gender", "motherIdNumber"),
            ["properties"] = new JsonObject
            {
                ["childName"] = Field("string", "Họ, chữ đệm và tên của trẻ", "Child's full name", ("minLength", 2), ("maxLength", 100)),
                ["birthDate"] = Field("string", "Ngày sinh", "Date of birth", ("format", "date")),
                ["gender"] = Field("string", "Giới tính", "Sex", ("enum", new JsonArray("male", "female"))),
                ["birthPlace"] = Field("string", "Nơi sinh", "Place of birth", ("maxLength", 200)),
                ["motherIdNumber"] = Field("string", "Số định danh cá nhân của mẹ", "Mother's personal ID number", ("pattern", "^[0-9]{12}$")),
                ["birthWeightGrams"] = Field("integer", "Cân nặng khi sinh (gam)", "Birth weight (grams)", ("minimum", 300)),
                ["contactEmail"] = Field("string", "Thư điện tử liên hệ", "Contact email", ("format", "email")),
            },
        },
        ["requiredDocuments"] = new JsonArray(
            new JsonObject { ["code"] = BirthCertificate, ["nameVi"] = "Giấy chứng sinh", ["nameEn"] = "Birth certificate from the hospital",
                ["mandatory"] = true, ["acceptedTypes"] = new JsonArray("application/pdf", "image/jpeg"), ["maxSizeBytes"] = 10_485_760 },
            new JsonObject { ["code"] = MarriageCertificate, ["nameVi"] = "Giấy chứng nhận kết hôn của cha mẹ", ["nameEn"] = "Parents' marriage certificate",
                ["mandatory"] = false, ["acceptedTypes"] = new JsonArray("application/pdf"), ["maxSizeBytes"] = 10_485_760 }),
        ["fees"] = new JsonArray(
            new JsonObject { ["code"] = "le-phi", ["nameVi"] = "Lệ phí", ["nameEn"] = "Fee", ["amount"] = 8_000, ["due"] = "submission" },
            new JsonObject { ["code"] = "phi-ban-sao", ["nameVi"] = "Phí bản sao", ["nameEn"] = "Copy fee", ["amount"] = 3_000 },
            new JsonObject { ["code"] = "le-phi-ket-qua", ["nameVi"] = "Lệ phí cấp", ["nameEn"] = "Issue fee", ["amount"] = 5_000, ["due"] = "result" }),
        ["statutoryWorkingDays"] = 3,
        ["legalBasis"] = "Luật Hộ tịch 2014",
        ["published"] = true,
        ["version"] = 2,
        ["workflowDefinitionId"] = "birth-registration",
    };
}
