namespace PublicServices.Catalog.Data;

/// <summary>
/// An agency (cơ quan): a node of a tree of any depth. Since 1 July 2025 local government has two tiers, so a ward
/// hangs directly under its province, but departments may still have sub-units.
/// </summary>
public sealed class Agency
{
    public required string Code { get; set; }
    public required string NameVi { get; set; }
    public required string NameEn { get; set; }
    public AgencyKind Kind { get; set; }
    public string? ParentCode { get; set; }

    /// <summary>
    /// Materialised path of codes from the root, "/root/child/self/". A subtree is one
    /// <c>LIKE '%/code/%'</c> over a small table instead of a recursive query per search.
    /// </summary>
    public required string Path { get; set; }

    public static string PathOf(string? parentPath, string code) => (parentPath ?? "/") + code + "/";
}
