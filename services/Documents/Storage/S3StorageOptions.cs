namespace PublicServices.Documents.Storage;

/// <summary>Bound from the "Storage:S3" section.</summary>
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
