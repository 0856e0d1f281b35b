using System.Text.Json;

namespace PublicServices.Catalog.Domain.Procedures;

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

/// <summary>A fee; <c>due</c> is "submission" (the default) or "result".</summary>
public sealed record FeeInput(string? Code, string? NameVi, string? NameEn, long? Amount, string? Due = null);
