using System.Net;
using System.Net.Http.Headers;
using Minio;
using Minio.DataModel.Args;
using Minio.Exceptions;

namespace PublicServices.Documents.Storage;

/// <summary>
/// Objects in an S3-compatible bucket (MinIO in production) through the Minio SDK 7.0.0, except uploads: those go
/// through <see cref="S3MultipartUploader"/> (pooled part buffers, reading the next part while one is sent), because
/// the SDK allocates a fresh 16 MiB array per part for a stream of unknown length and never overlaps read and send.
/// </summary>
public sealed class S3ObjectStore : IObjectStore, IDisposable
{
    readonly IMinioClient client;
    readonly IMinioClient presigner;
    readonly HttpClient http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };
    readonly string bucket;
    readonly ILogger<S3ObjectStore> log;
    readonly S3MultipartUploader uploader;

    public S3ObjectStore(S3StorageOptions options, ILogger<S3ObjectStore> log)
    {
        bucket = options.Bucket;
        this.log = log;
        client = Build(options, options.Endpoint);
        uploader = new S3MultipartUploader(http, new SigV4Signer(options.AccessKey, options.SecretKey, options.Region),
            new Uri($"{(options.UseSsl ? "https" : "http")}://{options.Endpoint}/"), bucket, options.PartSize, log);
        // Presigned URLs are signed for the host that browsers will call; presigning makes no network call.
        presigner = string.IsNullOrWhiteSpace(options.PublicEndpoint) ? client : Build(options, options.PublicEndpoint);
    }

    static IMinioClient Build(S3StorageOptions o, string endpoint) => new MinioClient()
        .WithEndpoint(endpoint).WithCredentials(o.AccessKey, o.SecretKey).WithSSL(o.UseSsl).WithRegion(o.Region).Build();

    public async Task InitializeAsync(CancellationToken cancel)
    {
        if (await client.BucketExistsAsync(new BucketExistsArgs().WithBucket(bucket), cancel))
            return;
        try
        {
            await client.MakeBucketAsync(new MakeBucketArgs().WithBucket(bucket), cancel);
        }
        catch (MinioException)
        {
            // Another replica may have created it first; anything else is a real failure.
            if (!await client.BucketExistsAsync(new BucketExistsArgs().WithBucket(bucket), cancel))
                throw;
        }
    }

    /// <summary>
    /// Stores the sniffed Content-Type with the object, which presigned downloads then serve. (No Content-Disposition:
    /// Minio 7.0.0 cannot put one in a presigned URL, so the file name is given only by GET /content.)
    /// </summary>
    public Task PutAsync(string key, Stream content, string contentType, CancellationToken cancel) =>
        uploader.PutAsync(ObjectKeys.Checked(key), content, contentType, cancel);

    /// <summary>
    /// Reads through a presigned URL with a plain HTTP client: Minio 7.0.0 sends ranged reads as a ranged HEAD first
    /// and then treats the server's 206 as an error (PartialContentException), and it hands the body of an error
    /// response to the callback. Here the status is checked before a byte is copied.
    /// </summary>
    public async Task CopyToAsync(string key, Stream destination, long offset, long length, CancellationToken cancel)
    {
        if (length == 0)
            return;
        var url = await client.PresignedGetObjectAsync(new PresignedGetObjectArgs()
            .WithBucket(bucket).WithObject(ObjectKeys.Checked(key)).WithExpiry(300));
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = new RangeHeaderValue(offset, offset + length - 1);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel);
        if (response.StatusCode == HttpStatusCode.NotFound)
            throw new FileNotFoundException($"Object {key} is missing from bucket {bucket}");
        if (response.StatusCode is not (HttpStatusCode.PartialContent or HttpStatusCode.OK))
            throw new IOException($"The object store answered {(int)response.StatusCode} for {key}");
        await using var body = await response.Content.ReadAsStreamAsync(cancel);
        // A server that ignores Range sends everything from byte 0.
        var skip = response.StatusCode == HttpStatusCode.OK ? offset : 0;
        var buffer = new byte[81920];
        while (length > 0)
        {
            var read = await body.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, skip > 0 ? skip : length)), cancel);
            if (read == 0)
                throw new EndOfStreamException($"Object {key} is shorter than its recorded size");
            if (skip > 0)
            {
                skip -= read;
                continue;
            }
            await destination.WriteAsync(buffer.AsMemory(0, read), cancel);
            length -= read;
        }
    }

    public async Task DeleteAsync(string key, CancellationToken cancel)
    {
        key = ObjectKeys.Checked(key);
        try
        {
            // A multipart upload whose abort failed leaves its parts behind without an object. MinIO also drops
            // stale uploads by itself after a day; s3rver can neither list nor abort uploads, hence best effort.
            await client.RemoveIncompleteUploadAsync(new RemoveIncompleteUploadArgs().WithBucket(bucket).WithObject(key), cancel);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogDebug(e, "Could not remove unfinished uploads of {Key}", key);
        }
        await client.RemoveObjectAsync(new RemoveObjectArgs().WithBucket(bucket).WithObject(key), cancel);
    }

    public async Task<bool> ExistsAsync(string key, CancellationToken cancel)
    {
        try
        {
            await client.StatObjectAsync(new StatObjectArgs().WithBucket(bucket).WithObject(ObjectKeys.Checked(key)), cancel);
            return true;
        }
        catch (ObjectNotFoundException)
        {
            return false;
        }
    }

    public async Task<Uri?> PresignGetAsync(string key, TimeSpan lifetime, CancellationToken cancel)
    {
        var url = await presigner.PresignedGetObjectAsync(new PresignedGetObjectArgs()
            .WithBucket(bucket).WithObject(ObjectKeys.Checked(key))
            .WithExpiry((int)Math.Max(1, Math.Ceiling(lifetime.TotalSeconds))));
        return new Uri(url);
    }

    public void Dispose()
    {
        http.Dispose();
        client.Dispose();
        if (!ReferenceEquals(presigner, client))
            presigner.Dispose();
    }
}
