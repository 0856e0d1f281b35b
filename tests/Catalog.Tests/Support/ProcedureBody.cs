using System.Text.Json.Nodes;

namespace PublicServices.Catalog.Tests.Support;

/// <summary>Builds the JSON an administrator PUTs; each test changes only what it is about.</summary>
public sealed class ProcedureBody
{
    readonly JsonObject body;

    public ProcedureBody(string agencyCode = "000.00.12.H10") => body = new JsonObject
    {
        ["nameVi"] = "Cấp giấy xác nhận tình trạng hôn nhân",
        ["nameEn"] = "Certificate of marital status",
        ["agencyCode"] = agencyCode,
        ["level"] = 4,
        ["formSchema"] = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["type"] = "object",
            ["additionalProperties"] = false,
            ["properties"] = new JsonObject
            {
                ["fullName"] = new JsonObject
                {
                    ["type"] = "string", ["minLength"] = 2,
                    ["x-label"] = new JsonObject { ["vi"] = "Họ và tên", ["en"] = "Full name" },
                },
                ["purpose"] = new JsonObject
                {
                    ["type"] = "string", ["enum"] = new JsonArray("marriage", "other"),
                    ["x-label"] = new JsonObject { ["vi"] = "Mục đích", ["en"] = "Purpose" },
                    ["x-enumLabels"] = new JsonObject
                    {
                        ["marriage"] = new JsonObject { ["vi"] = "Kết hôn", ["en"] = "Marriage" },
                        ["other"] = new JsonObject { ["vi"] = "Khác", ["en"] = "Other" },
                    },
                },
            },
            ["required"] = new JsonArray("fullName", "purpose"),
        },
        ["requiredDocuments"] = new JsonArray(new JsonObject
        {
            ["code"] = "to-khai", ["nameVi"] = "Tờ khai", ["nameEn"] = "Declaration", ["mandatory"] = true,
            ["acceptedTypes"] = new JsonArray("application/pdf", "image/jpeg"), ["maxSizeBytes"] = 5 * 1024 * 1024,
        }),
        ["fees"] = new JsonArray(new JsonObject { ["code"] = "le-phi", ["nameVi"] = "Lệ phí", ["nameEn"] = "Fee", ["amount"] = 15_000 }),
        ["statutoryWorkingDays"] = 3,
        ["legalBasis"] = "Luật Hộ tịch số 60/2014/QH13; Nghị định số 123/2015/NĐ-CP.",
        ["workflowDefinitionId"] = "one-stop-standard",
    };

    public ProcedureBody With(string property, JsonNode? value)
    {
        body[property] = value;
        return this;
    }

    public ProcedureBody Without(string property)
    {
        body.Remove(property);
        return this;
    }

    public ProcedureBody WithDocument(Action<JsonObject> change)
    {
        change(body["requiredDocuments"]![0]!.AsObject());
        return this;
    }

    public ProcedureBody WithSchema(Action<JsonObject> change)
    {
        change(body["formSchema"]!.AsObject());
        return this;
    }

    public JsonObject Build() => body.DeepClone().AsObject();
}
