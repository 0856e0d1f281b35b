using PublicServices.Catalog.Data;

namespace PublicServices.Catalog.Domain.Procedures;

/// <summary>How a stored procedure takes on a definition: its content, and the values derived from it.</summary>
public static class ProcedureContent
{
    public static bool HasContent(this Procedure p, ProcedureDefinition d) =>
        p.NameVi == d.NameVi && p.NameEn == d.NameEn && p.AgencyCode == d.AgencyCode && p.Level == d.Level
        && p.FormSchema == d.FormSchema && p.StatutoryWorkingDays == d.StatutoryWorkingDays && p.LegalBasis == d.LegalBasis
        && p.WorkflowDefinitionId == d.WorkflowDefinitionId
        && p.RequiredDocuments.SequenceEqual(d.RequiredDocuments, RequiredDocument.ContentComparer)
        && p.Fees.SequenceEqual(d.Fees);

    /// <summary>Replaces the content and the values derived from it; the caller decides about the version.</summary>
    public static void Apply(this Procedure p, ProcedureDefinition d, string author, DateTimeOffset now)
    {
        p.NameVi = d.NameVi;
        p.NameEn = d.NameEn;
        p.AgencyCode = d.AgencyCode;
        p.Level = d.Level;
        p.FormSchema = d.FormSchema;
        p.RequiredDocuments = [.. d.RequiredDocuments];
        p.Fees = [.. d.Fees];
        p.TotalFee = d.Fees.Sum(f => f.Amount);
        p.StatutoryWorkingDays = d.StatutoryWorkingDays;
        p.LegalBasis = d.LegalBasis;
        p.WorkflowDefinitionId = d.WorkflowDefinitionId;
        p.SearchText = SearchTextRules.Of(p.Code, d.NameVi, d.NameEn);
        p.UpdatedBy = author;
        p.UpdatedAt = now;
    }
}
