using System.Text.Json;

namespace PublicServices.Catalog.Procedures;

/// <summary>A search hit: what a list shows, nothing that needs the big columns.</summary>
public sealed record ProcedureSummary(string Code, string NameVi, string NameEn, string AgencyCode, int Level,
    int StatutoryWorkingDays, long TotalFee);

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

/// <summary>
/// What an administrator sends to create or change a procedure. Everything is nullable so that a missing field
/// gets a field-level message instead of a generic binding failure. <see cref="Version"/>, when given, must be the
/// current version (a lost-update guard); the published flag is changed only through publish/unpublish.
/// </summary>
public sealed record ProcedureInput(
    string? NameVi,
    string? NameEn,
    string? AgencyCode,
    int? Level,
    JsonElement? FormSchema,
    IReadOnlyList<RequiredDocumentInput?>? RequiredDocuments,
    IReadOnlyList<FeeInput?>? Fees,
    int? StatutoryWorkingDays,
    string? LegalBasis,
    string? WorkflowDefinitionId,
    int? Version);

public sealed record RequiredDocumentInput(string? Code, string? NameVi, string? NameEn, bool? Mandatory,
    IReadOnlyList<string?>? AcceptedTypes, long? MaxSizeBytes);

public sealed record FeeInput(string? Code, string? NameVi, string? NameEn, long? Amount);
