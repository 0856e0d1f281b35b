using System.Text.Json;
using PublicServices.Dossiers.Data;

namespace PublicServices.Dossiers.Domain.Drafts;

/// <summary>
/// Create or change a draft. On change, the expected version comes from If-Match or from <see cref="Version"/>.
/// The procedure of a draft is fixed when it is created.
/// </summary>
public sealed record DraftRequest(string? ProcedureCode, JsonElement? FormData, IReadOnlyList<DocumentRef?>? Documents, int? Version);

public sealed record DraftDto(Guid Id, string ProcedureCode, JsonElement FormData, IReadOnlyList<DocumentRef> Documents,
    int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record DraftSummary(Guid Id, string ProcedureCode, int Version, DateTimeOffset UpdatedAt);

public sealed record DraftList(IReadOnlyList<DraftSummary> Items);

public static class DraftMapping
{
    public static DraftDto AsDto(this Draft d) => new(d.Id, d.ProcedureCode, StoredJson.Element(d.FormData),
        StoredJson.Read<List<DocumentRef>>(d.Documents), d.Version, d.CreatedAt, d.UpdatedAt);

    /// <summary>The entity tag of a draft version, as sent in ETag and expected in If-Match.</summary>
    public static string ETag(int version) => $"\"{version}\"";
}
