using PublicServices.Catalog.Data;

namespace PublicServices.Catalog.Seed;

/// <summary>The demo agencies of docs/contracts.md, parents before children.</summary>
public static class SeedAgencies
{
    public const string Province = "000.00.00.H10";
    public const string ServiceCentre = "000.00.12.H10";
    public const string Justice = "000.00.15.H10";
    public const string Construction = "000.00.20.H10";
    public const string PhoHienWard = "000.20.01.H10";

    /// <summary>Fresh instances on every call, so that no two DbContexts ever track the same object.</summary>
    public static IReadOnlyList<Agency> All() => Build();

    static List<Agency> Build()
    {
        var list = new List<Agency>();
        void Add(string code, string vi, string en, AgencyKind kind, string? parent) => list.Add(new Agency
        {
            Code = code, NameVi = vi, NameEn = en, Kind = kind, ParentCode = parent,
            Path = Agency.PathOf(parent is null ? null : list.Single(a => a.Code == parent).Path, code),
        });

        Add(Province, "Ủy ban nhân dân tỉnh Hưng Yên (demo)", "Hưng Yên Provincial People's Committee (demo)", AgencyKind.Province, null);
        Add(ServiceCentre, "Trung tâm Phục vụ hành chính công tỉnh", "Provincial Public Administration Service Centre", AgencyKind.ServiceCentre, Province);
        Add(Justice, "Sở Tư pháp", "Department of Justice", AgencyKind.Department, Province);
        Add(Construction, "Sở Xây dựng", "Department of Construction", AgencyKind.Department, Province);
        // Two-tier local government since 1 July 2025: the ward reports to the province directly.
        Add(PhoHienWard, "Ủy ban nhân dân phường Phố Hiến", "Phố Hiến Ward People's Committee", AgencyKind.Ward, Province);
        return list;
    }
}
