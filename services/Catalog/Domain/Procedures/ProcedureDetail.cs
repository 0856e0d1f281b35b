using System.Text.Json;
using PublicServices.Catalog.Data;

namespace PublicServices.Catalog.Domain.Procedures;

/// <summary>A procedure in full; the form schema is a JSON object, not a string.</summary>
public sealed record ProcedureDetail(
    string Code,
    string NameVi,
    string NameEn,
    string AgencyCode,
    int Level,
    JsonElement FormSchema,
    IReadOnlyList<RequiredDocument> RequiredDocuments,
    IReadOnlyList<Fee> Fees,
    long TotalFee,
    int StatutoryWorkingDays,
    string LegalBasis,
    bool Published,
    int Version,
    string WorkflowDefinitionId)
{
    public static ProcedureDetail From(Procedure p) => new(p.Code, p.NameVi, p.NameEn, p.AgencyCode, p.Level,
        JsonSerializer.Deserialize<JsonElement>(p.FormSchema), p.RequiredDocuments, p.Fees, p.TotalFee,
        p.StatutoryWorkingDays, p.LegalBasis, p.Published, p.Version, p.WorkflowDefinitionId);
}
