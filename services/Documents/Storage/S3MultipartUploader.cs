using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;

namespace PublicServices.Documents.Storage;

/// <summary>
/// Streams content of unknown length into one S3 object with bounded memory. Content shorter than one part goes as
/// one PutObject; anything longer as a multipart upload whose parts are read into buffers from a dedicated pool, part
/// N+1 being read while part N is sent: two part buffers per upload, whatever the size. Any failure or cancellation
/// aborts the multipart upload, so no object appears. (Minio SDK 7.0.0 keeps its multipart calls private, allocates a
/// fresh 16 MiB array per part and reads and sends strictly in turn: hence these few signed requests.)
/// </summary>
public sealed class S3MultipartUploader
{
    const int MaxParts = 10_000;
    /// <summary>Pooled part buffers: enough for four uploads at once; more uploads allocate buffers the GC takes back.</summary>
    const int PooledBuffers = 8;
    static readonly XNamespace S3 = "http://s3.amazonaws.com/doc/2006-03-01/";

    readonly HttpClient http;
    readonly SigV4Signer signer;
    readonly Uri bucketUri;
    readonly int partSize;
    readonly ArrayPool<byte> buffers;
    readonly ILogger log;
    readonly TimeProvider time;

    /// <param name="endpoint">The S3 API root, such as http://minio:9000/ (path-style addressing).</param>
    public S3MultipartUploader(HttpClient http, SigV4Signer signer, Uri endpoint, string bucket, int partSize, ILogger log,
        TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partSize, S3StorageOptions.MinPartSize);
        (this.http, this.signer, this.partSize, this.log, this.time) = (http, signer, partSize, log, time ?? TimeProvider.System);
        bucketUri = new Uri(endpoint, Uri.EscapeDataString(bucket) + "/");
        buffers = ArrayPool<byte>.Create(partSize, PooledBuffers);
    }

    public async Task PutAsync(string key, Stream content, string contentType, CancellationToken cancel)
    {
        var objectUri = new Uri(bucketUri, Uri.EscapeDataString(key));
        var first = buffers.Rent(partSize);
        int length;
        try
        {
            length = await content.ReadAtLeastAsync(first.AsMemory(0, partSize), partSize, throwOnEndOfStream: false, cancel);
        }
        catch
        {
            buffers.Return(first);
            throw;
        }
        // From here a request may be reading the buffer: after a failure it is left to the GC, not returned.
        if (length < partSize)
            await PutObjectAsync(objectUri, first.AsMemory(0, length), contentType, cancel);
        else
            await MultipartAsync(objectUri, content, contentType, first, cancel);
        buffers.Return(first);
    }

    async Task MultipartAsync(Uri objectUri, Stream content, string contentType, byte[] first, CancellationToken cancel)
    {
        var uploadId = await CreateAsync(objectUri, contentType, cancel);
        var second = buffers.Rent(partSize);
        using var failure = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        Task<string>? sending = null;
        try
        {
            var etags = new List<string>();
            var (current, next, length) = (first, second, partSize);
            while (true)
            {
                if (etags.Count == MaxParts)
                    throw new IOException($"The object needs more than {MaxParts} parts of {partSize} bytes");
                sending = UploadPartAsync(objectUri, uploadId, etags.Count + 1, current.AsMemory(0, length), failure.Token);
                // Only a full part can have a successor; it is read while this one is on the wire.
                var nextLength = length < partSize ? 0
                    : await content.ReadAtLeastAsync(next.AsMemory(0, partSize), partSize, throwOnEndOfStream: false, failure.Token);
                etags.Add(await sending);
                sending = null;
                if (nextLength == 0)
                    break;
                (current, next, length) = (next, current, nextLength);
            }
            await CompleteAsync(objectUri, uploadId, etags, failure.Token);
        }
        catch
        {
            await failure.CancelAsync();
            if (sending is not null)
                await ((Task)sending).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await AbortAsync(objectUri, uploadId);
            throw;
        }
        buffers.Return(second);
    }

    async Task PutObjectAsync(Uri objectUri, ReadOnlyMemory<byte> body, string contentType, CancellationToken cancel)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, objectUri) { Content = new ReadOnlyMemoryContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using var response = await SendAsync(request, SigV4Signer.UnsignedPayload, cancel);
        await EnsureSuccessAsync(response, "PutObject", cancel);
    }

    async Task<string> CreateAsync(Uri objectUri, string contentType, CancellationToken cancel)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(objectUri.AbsoluteUri + "?uploads"))
        {
            Content = new ByteArrayContent([]),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using var response = await SendAsync(request, SigV4Signer.PayloadHash([]), cancel);
        var answer = await ReadXmlAsync(response, "CreateMultipartUpload", cancel);
        return answer.Elements().FirstOrDefault(e => e.Name.LocalName == "UploadId")?.Value is { Length: > 0 } id ? id
            : throw new IOException("CreateMultipartUpload answered without an UploadId");
    }

    async Task<string> UploadPartAsync(Uri objectUri, string uploadId, int partNumber, ReadOnlyMemory<byte> body, CancellationToken cancel)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, WithUploadId(objectUri, uploadId, $"partNumber={partNumber}&"))
        {
            Content = new ReadOnlyMemoryContent(body),
        };
        using var response = await SendAsync(request, SigV4Signer.UnsignedPayload, cancel);
        await EnsureSuccessAsync(response, "UploadPart", cancel);
        return response.Headers.TryGetValues("ETag", out var etag) && etag.FirstOrDefault() is { Length: > 0 } value ? value
            : throw new IOException($"UploadPart {partNumber} answered without an ETag");
    }

    async Task CompleteAsync(Uri objectUri, string uploadId, List<string> etags, CancellationToken cancel)
    {
        var xml = new XElement(S3 + "CompleteMultipartUpload", etags.Select((etag, i) =>
            new XElement(S3 + "Part", new XElement(S3 + "PartNumber", i + 1), new XElement(S3 + "ETag", etag))));
        var body = Encoding.UTF8.GetBytes(xml.ToString(SaveOptions.DisableFormatting));
        using var request = new HttpRequestMessage(HttpMethod.Post, WithUploadId(objectUri, uploadId)) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/xml");
        using var response = await SendAsync(request, SigV4Signer.PayloadHash(body), cancel);
        // S3 may answer 200 and still fail: the error is then in the body.
        await ReadXmlAsync(response, "CompleteMultipartUpload", cancel);
    }

    /// <summary>Best effort, whatever the request's token says: the store also expires stale uploads by itself.</summary>
    async Task AbortAsync(Uri objectUri, string uploadId)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            using var request = new HttpRequestMessage(HttpMethod.Delete, WithUploadId(objectUri, uploadId));
            using var response = await SendAsync(request, SigV4Signer.PayloadHash([]), timeout.Token);
            await EnsureSuccessAsync(response, "AbortMultipartUpload", timeout.Token);
        }
        catch (Exception e)
        {
            log.LogWarning(e, "Could not abort multipart upload {UploadId} of {Object}", uploadId, objectUri.AbsolutePath);
        }
    }

    static Uri WithUploadId(Uri objectUri, string uploadId, string before = "") =>
        new($"{objectUri.AbsoluteUri}?{before}uploadId={Uri.EscapeDataString(uploadId)}");

    Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string payloadHash, CancellationToken cancel)
    {
        signer.Sign(request, payloadHash, time.GetUtcNow());
        return http.SendAsync(request, cancel);
    }

    static async Task<XElement> ReadXmlAsync(HttpResponseMessage response, string operation, CancellationToken cancel)
    {
        await EnsureSuccessAsync(response, operation, cancel);
        var root = XDocument.Parse(await response.Content.ReadAsStringAsync(cancel)).Root
            ?? throw new IOException($"{operation} answered an empty document");
        return root.Name.LocalName == "Error" ? throw Failure(operation, response.StatusCode, root) : root;
    }

    static async Task EnsureSuccessAsync(HttpResponseMessage response, string operation, CancellationToken cancel)
    {
        if (response.IsSuccessStatusCode)
            return;
        var body = await response.Content.ReadAsStringAsync(cancel);
        XElement? error = null;
        try
        {
            error = body.Length > 0 ? XDocument.Parse(body).Root : null;
        }
        catch (System.Xml.XmlException)
        {
        }
        throw Failure(operation, response.StatusCode, error);
    }

    static IOException Failure(string operation, HttpStatusCode status, XElement? error) =>
        new($"S3 {operation} failed: {(int)status} {error?.Elements().FirstOrDefault(e => e.Name.LocalName == "Code")?.Value} "
            + error?.Elements().FirstOrDefault(e => e.Name.LocalName == "Message")?.Value);
}
