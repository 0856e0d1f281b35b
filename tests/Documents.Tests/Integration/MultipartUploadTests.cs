using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Minio.DataModel.Args;
using PublicServices.Documents.Storage;
using PublicServices.Documents.Tests.Support;
using PublicServices.Testing;

namespace PublicServices.Documents.Tests.Integration;

/// <summary>S3 uploads of several parts (5 MiB each here) on s3rver, through the API and through the store itself.</summary>
public sealed class MultipartUploadTests(SmallPartsApp app) : IClassFixture<SmallPartsApp>
{
    const int Part = SmallPartsApp.PartSize;

    IObjectStore Store => app.Service<IObjectStore>();

    static string NewKey() => Guid.NewGuid().ToString("N");

    async Task<byte[]> ReadBackAsync(string key, long length)
    {
        using var copy = new MemoryStream();
        await Store.CopyToAsync(key, copy, 0, length, default);
        return copy.ToArray();
    }

    [Fact]
    public async Task A_three_part_upload_through_the_api_round_trips_byte_exact_with_its_sha256_and_type()
    {
        using var client = app.Citizen(DocumentsApp.NewCitizen());
        var bytes = TestFiles.Pdf(2 * Part + 12_345);

        using var response = await client.PostAsync(DocumentsApp.UploadUrl(TestCatalog.Drawings), TestFiles.ChunkedForm(bytes, "ban-ve.pdf"));

        var document = await response.DocumentAsync(HttpStatusCode.Created);
        Assert.Equal(TestFiles.Sha256(bytes), document.Sha256);
        Assert.Equal(bytes.Length, document.Size);
        var key = document.Id.ToString("N");
        Assert.Equal(TestFiles.Sha256(bytes), TestFiles.Sha256(await app.ObjectBytesAsync(key)));
        var stat = await app.S3.StatObjectAsync(new StatObjectArgs().WithBucket(app.Bucket).WithObject(key));
        Assert.Equal("application/pdf", stat.ContentType);
        Assert.Equal(bytes.Length, stat.Size);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(Part - 1)]        // one PutObject
    [InlineData(Part)]            // a multipart upload of one full part
    [InlineData(2 * Part)]        // the last read finds nothing more
    [InlineData(2 * Part + 1)]    // a last part of one byte
    public async Task Objects_around_the_part_size_are_stored_intact(int size)
    {
        var key = NewKey();
        var bytes = TestFiles.FakePdf(size);

        await Store.PutAsync(key, new SourceStream(bytes), "application/pdf", default);

        Assert.True(await Store.ExistsAsync(key, default));
        Assert.Equal(TestFiles.Sha256(bytes), TestFiles.Sha256(await ReadBackAsync(key, size)));
        await Store.DeleteAsync(key, default);
        Assert.False(await Store.ExistsAsync(key, default));
    }

    [Theory]
    [InlineData(3 * 1024 * 1024)]   // within the first part: nothing was sent yet
    [InlineData(Part + 1024)]       // while part 1 is being sent
    [InlineData(2 * Part + 4096)]   // after two parts were stored
    public async Task A_content_stream_that_fails_mid_upload_aborts_and_leaves_no_object(int failAt)
    {
        var key = NewKey();
        var source = new SourceStream(TestFiles.Pdf(3 * Part), failAt);

        var error = await Assert.ThrowsAsync<IOException>(() => Store.PutAsync(key, source, "application/pdf", default));

        Assert.Equal(SourceStream.Failure, error.Message);
        Assert.DoesNotContain(key, await app.ObjectKeysAsync());
        Assert.False(await Store.ExistsAsync(key, default));
        await Store.DeleteAsync(key, default);
        Assert.False(await Store.ExistsAsync(key, default));
    }

    [Fact]
    public async Task Cancelling_mid_upload_aborts_and_leaves_no_object()
    {
        var key = NewKey();
        using var cancel = new CancellationTokenSource();
        var source = new SourceStream(TestFiles.Pdf(3 * Part), Part + 1024, cancel.Cancel);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.PutAsync(key, source, "application/pdf", cancel.Token));

        Assert.DoesNotContain(key, await app.ObjectKeysAsync());
        Assert.False(await Store.ExistsAsync(key, default));
    }

    [Fact]
    public async Task An_oversize_upload_of_many_parts_is_stopped_with_413_and_nothing_is_stored()
    {
        var owner = DocumentsApp.NewCitizen();
        using var client = app.Citizen(owner);
        var keysBefore = await app.ObjectKeysAsync();

        // Two parts are stored before the limit is passed, while reading the third.
        using var response = await client.PostAsync(DocumentsApp.UploadUrl(TestCatalog.Scans),
            TestFiles.ChunkedForm(TestFiles.Pdf((int)TestCatalog.ScansLimit + 1), "qua-lon.pdf"));

        await response.Problem(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(keysBefore.Order(), (await app.ObjectKeysAsync()).Order());
        Assert.Equal(0, await app.WithDbAsync(db => db.Documents.CountAsync(d => d.OwnerId == owner)));
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(Part + 1)]
    public async Task An_error_answered_by_s3_fails_the_upload_with_its_code(int size)
    {
        var s3 = TestServers.S3;
        using var store = new S3ObjectStore(new S3StorageOptions
        {
            Endpoint = s3.Endpoint, AccessKey = s3.AccessKey, SecretKey = s3.SecretKey, PartSize = Part,
            Bucket = "missing-" + Guid.NewGuid().ToString("N")[..12],
        }, NullLogger<S3ObjectStore>.Instance);

        var error = await Assert.ThrowsAsync<IOException>(() => store.PutAsync(NewKey(), new SourceStream(TestFiles.FakePdf(size)), "application/pdf", default));

        Assert.Contains("404 NoSuchBucket", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_next_part_is_read_while_one_is_sent_and_only_one_part_is_on_the_wire_at_a_time()
    {
        var s3 = TestServers.S3;
        var bytes = TestFiles.Pdf(2 * Part + 100);
        var source = new SourceStream(bytes);
        // A slow network in front of the real s3rver: each part waits before it goes out.
        using var network = new SlowPartsHandler(source, TimeSpan.FromMilliseconds(300));
        using var http = new HttpClient(network);
        var uploader = new S3MultipartUploader(http, new SigV4Signer(s3.AccessKey, s3.SecretKey, "us-east-1"),
            new Uri($"http://{s3.Endpoint}/"), app.Bucket, Part, NullLogger.Instance);
        var key = NewKey();

        await uploader.PutAsync(key, source, "application/pdf", default);

        Assert.Equal(TestFiles.Sha256(bytes), TestFiles.Sha256(await ReadBackAsync(key, bytes.Length)));
        Assert.Equal([1, 2, 3], network.Parts.Select(p => p.Number));
        Assert.Equal(1, network.MostInFlight);
        // While part 1 was sent, part 2 was read in full (and part 3 waited for part 1's buffer).
        Assert.Equal(2 * Part, network.Parts[0].SourcePositionAtEnd);
        Assert.Equal(bytes.Length, network.Parts[1].SourcePositionAtEnd);
        await Store.DeleteAsync(key, default);
    }

    sealed class SlowPartsHandler(SourceStream source, TimeSpan delay) : DelegatingHandler(new SocketsHttpHandler())
    {
        public List<(int Number, long SourcePositionAtEnd)> Parts { get; } = [];
        public int MostInFlight { get; private set; }
        int inFlight;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (System.Web.HttpUtility.ParseQueryString(request.RequestUri!.Query)["partNumber"] is not { } number)
                return await base.SendAsync(request, cancellationToken);
            lock (Parts)
                MostInFlight = Math.Max(MostInFlight, ++inFlight);
            await Task.Delay(delay, cancellationToken);
            var response = await base.SendAsync(request, cancellationToken);
            lock (Parts)
            {
                inFlight--;
                Parts.Add((int.Parse(number, CultureInfo.InvariantCulture), source.Position));
            }
            return response;
        }
    }

    /// <summary>A request body: not seekable, read in network-sized chunks, failing or calling back at a given byte.</summary>
    sealed class SourceStream(byte[] bytes, long at = -1, Action? onReach = null) : Stream
    {
        public const string Failure = "The client went away";
        long position;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            if (at >= 0 && position >= at)
            {
                if (onReach is null)
                    throw new IOException(Failure);
                onReach();
                at = -1;
            }
            var count = (int)Math.Min(Math.Min(buffer.Length, 64 * 1024), bytes.Length - position);
            if (at >= 0)
                count = (int)Math.Min(count, Math.Max(1, at - position));
            bytes.AsMemory((int)position, count).CopyTo(buffer);
            position += count;
            return count;
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
