namespace PublicServices.Catalog.Data;

/// <summary>A fee or charge (phí, lệ phí) in VND.</summary>
public sealed record Fee(string Code, string NameVi, string NameEn, long Amount);
