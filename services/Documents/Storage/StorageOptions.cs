namespace PublicServices.Documents.Storage;

public enum StorageProvider { Local, S3 }

/// <summary>Bound from the "Storage" section.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";
    public StorageProvider Provider { get; set; } = StorageProvider.Local;
    public LocalStorageOptions Local { get; set; } = new();
    public S3StorageOptions S3 { get; set; } = new();

    public IEnumerable<string> Problems()
    {
        if (Provider != StorageProvider.S3)
            yield break;
        if (string.IsNullOrWhiteSpace(S3.Endpoint) || S3.Endpoint.Contains("://", StringComparison.Ordinal))
            yield return "Storage:S3:Endpoint must be host:port";
        if (string.IsNullOrWhiteSpace(S3.AccessKey) || string.IsNullOrWhiteSpace(S3.SecretKey))
            yield return "Storage:S3:AccessKey and Storage:S3:SecretKey are required";
        if (string.IsNullOrWhiteSpace(S3.Bucket))
            yield return "Storage:S3:Bucket is required";
        if (S3.PartSize is < S3StorageOptions.MinPartSize or > S3StorageOptions.MaxPartSize)
            yield return "Storage:S3:PartSize must be between 5 MiB and 64 MiB";
    }
}
