namespace PublicServices.Documents.Storage;

/// <summary>Bound from the "Storage:Local" section.</summary>
public sealed class LocalStorageOptions
{
    /// <summary>Folder for objects; empty means "documents" under Database:DataRoot.</summary>
    public string? Root { get; set; }
}
