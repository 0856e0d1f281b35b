namespace PublicServices.Catalog.Domain.Procedures;

/// <summary>A search hit: what a list shows, nothing that needs the big columns.</summary>
public sealed record ProcedureSummary(string Code, string NameVi, string NameEn, string AgencyCode, int Level,
    int StatutoryWorkingDays, long TotalFee);
