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

public sealed class LocalStorageOptions
{
    /// <summary>Folder for objects; empty means "documents" under Database:DataRoot.</summary>
    public string? Root { get; set; }
}

public sealed class S3StorageOptions
{
    /// <summary>host:port of the S3 API as this service reaches it.</summary>
    public string Endpoint { get; set; } = "";
    /// <summary>host:port that browsers use for presigned links, when it differs from Endpoint.</summary>
    public string? PublicEndpoint { get; set; }
    public string AccessKey { get; set; } = "";
    public string SecretKey { get; set; } = "";
    public string Bucket { get; set; } = "documents";
    public bool UseSsl { get; set; }
    /// <summary>Set so the SDK never asks the server for the bucket's region (and presigning stays offline).</summary>
    public string Region { get; set; } = "us-east-1";
    /// <summary>
    /// Bytes per part of a multipart upload (S3's minimum is 5 MiB). Each upload holds two part buffers: one being
    /// sent, the next being read. Objects up to 10,000 parts (78 GiB at the default) can be stored.
    /// </summary>
    public int PartSize { get; set; } = 8 * 1024 * 1024;
    public const int MinPartSize = 5 * 1024 * 1024;
    public const int MaxPartSize = 64 * 1024 * 1024;
}
