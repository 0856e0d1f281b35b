using PublicServices.Catalog.Data;

namespace PublicServices.Catalog.Domain.Agencies;

/// <summary>An agency with its sub-units, as the API shows it.</summary>
public sealed record AgencyNode(string Code, string NameVi, string NameEn, AgencyKind Kind, string? ParentCode,
    IReadOnlyList<AgencyNode> Children)
{
    /// <summary>
    /// Builds the forest from a flat list in one pass; an agency whose parent is missing becomes a root rather
    /// than disappearing. Children are ordered by code so the answer is stable.
    /// </summary>
    public static List<AgencyNode> Forest(IReadOnlyCollection<Agency> agencies)
    {
        var codes = agencies.Select(a => a.Code).ToHashSet();
        var byParent = agencies.ToLookup(a => a.ParentCode is { } p && codes.Contains(p) ? p : null);
        List<AgencyNode> Build(string? parent) => byParent[parent]
            .OrderBy(a => a.Code, StringComparer.Ordinal)
            .Select(a => new AgencyNode(a.Code, a.NameVi, a.NameEn, a.Kind, a.ParentCode, Build(a.Code)))
            .ToList();
        return Build(null);
    }
}
