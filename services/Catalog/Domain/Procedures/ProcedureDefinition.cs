using PublicServices.Catalog.Data;

namespace PublicServices.Catalog.Domain.Procedures;

/// <summary>The content of a procedure, as seeded or as an administrator submits it (already validated).</summary>
public sealed record ProcedureDefinition(
    string Code,
    string NameVi,
    string NameEn,
    string AgencyCode,
    int Level,
    string FormSchema,
    IReadOnlyList<RequiredDocument> RequiredDocuments,
    IReadOnlyList<Fee> Fees,
    int StatutoryWorkingDays,
    string LegalBasis,
    string WorkflowDefinitionId);
