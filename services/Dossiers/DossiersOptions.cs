using System.ComponentModel.DataAnnotations;

namespace PublicServices.Dossiers;

/// <summary>Limits and cache lifetimes of the dossiers service; bound from the "Dossiers" section.</summary>
public sealed class DossiersOptions
{
    /// <summary>How long a procedure fetched from the catalog is reused.</summary>
    [Range(0, 3600)]
    public int ProcedureCacheSeconds { get; set; } = 30;

    [Range(1, 500)]
    public int MaxPageSize { get; set; } = 100;

    /// <summary>Upper bound of a form's JSON text, so one request cannot fill the database.</summary>
    [Range(1_000, 10_000_000)]
    public int MaxFormDataLength { get; set; } = 256 * 1024;

    [Range(1, 1_000)]
    public int MaxDocuments { get; set; } = 100;
}
