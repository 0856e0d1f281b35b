namespace PublicServices.Dossiers.Domain;

/// <summary>A line of a dossier list.</summary>
public sealed record DossierSummary(Guid Id, string Code, string ProcedureCode, string ProcedureNameVi, string ProcedureNameEn,
    string AgencyCode, string ApplicantName, StatusDto Status, DateTimeOffset SubmittedAt);

public sealed record DossierPage(IReadOnlyList<DossierSummary> Items, int Page, int PageSize, int Total);
