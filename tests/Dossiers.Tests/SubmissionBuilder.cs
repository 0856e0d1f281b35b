using System.Text.Json.Nodes;
using PublicServices.Dossiers.Tests.StandIns;

namespace PublicServices.Dossiers.Tests;

/// <summary>A submission body, valid for birth registration until a test changes it.</summary>
public sealed class SubmissionBuilder
{
    string procedureCode = Procedures.BirthRegistrationCode;
    readonly JsonObject form = new()
    {
        ["childName"] = "Nguyễn Minh An",
        ["birthDate"] = "2025-10-01",
        ["gender"] = "male",
        ["birthPlace"] = "Bệnh viện Đa khoa tỉnh Hưng Yên",
        ["motherIdNumber"] = "033190012345",
    };
    readonly List<(string Requirement, Guid Id)> documents = [];
    Guid? draftId;

    JsonObject? delivery;

    public SubmissionBuilder For(string code) { procedureCode = code; return this; }
    public SubmissionBuilder With(string field, JsonNode? value) { form[field] = value; return this; }
    public SubmissionBuilder Without(string field) { form.Remove(field); return this; }
    public SubmissionBuilder WithDocument(string requirement, Guid id) { documents.Add((requirement, id)); return this; }
    public SubmissionBuilder WithoutDocuments() { documents.Clear(); return this; }
    public SubmissionBuilder FromDraft(Guid id) { draftId = id; return this; }
    public SubmissionBuilder WithDelivery(string method, string? address = null) { delivery = new JsonObject { ["method"] = method, ["address"] = address }; return this; }

    public JsonObject Form() => (JsonObject)form.DeepClone();

    public JsonArray Documents() => new([.. documents.Select(d => (JsonNode)new JsonObject { ["requirementCode"] = d.Requirement, ["documentId"] = d.Id })]);

    public JsonObject Build()
    {
        var body = new JsonObject { ["procedureCode"] = procedureCode, ["formData"] = Form(), ["documents"] = Documents() };
        if (draftId is { } id)
            body["draftId"] = id;
        if (delivery is not null)
            body["delivery"] = delivery.DeepClone();
        return body;
    }
}
