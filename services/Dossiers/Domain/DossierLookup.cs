using PublicServices.Dossiers.Data;

namespace PublicServices.Dossiers.Domain;

/// <summary>What anyone holding a code may learn: no applicant, no form data, no ids of people.</summary>
public sealed record DossierLookup(string Code, string ProcedureCode, string ProcedureNameVi, string ProcedureNameEn,
    string AgencyCode, StatusDto Status, DateTimeOffset SubmittedAt);

public static class DossierLookupMapping
{
    public static DossierLookup AsLookup(this Dossier d) => new(d.Code, d.ProcedureCode, d.ProcedureNameVi, d.ProcedureNameEn,
        d.AgencyCode, StatusDto.From(d.Status), d.SubmittedAt);
}
