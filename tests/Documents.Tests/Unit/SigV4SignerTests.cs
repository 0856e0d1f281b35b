using System.Net.Http.Headers;
using System.Text;
using PublicServices.Documents.Storage;

namespace PublicServices.Documents.Tests.Unit;

/// <summary>
/// The worked examples of AWS's "Signature Version 4: Authenticating Requests (AWS Signature Version 4), Examples"
/// page for S3, with its example credentials: every one must give the published Authorization header exactly.
/// </summary>
public sealed class SigV4SignerTests
{
    const string AccessKey = "AKIAIOSFODNN7EXAMPLE";
    const string Credential = "Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request";
    const string EmptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    static readonly DateTimeOffset At = new(2013, 5, 24, 0, 0, 0, TimeSpan.Zero);
    static readonly SigV4Signer Signer = new(AccessKey, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "us-east-1");

    static string SignedAuthorization(HttpRequestMessage request, string payloadHash)
    {
        Signer.Sign(request, payloadHash, At);
        return request.Headers.Authorization!.ToString();
    }

    [Fact]
    public void The_get_object_example_with_a_range_header_gets_its_published_signature()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://examplebucket.s3.amazonaws.com/test.txt");
        request.Headers.Range = new RangeHeaderValue(0, 9);

        Assert.Equal(EmptyHash, SigV4Signer.PayloadHash([]));
        Assert.Equal($"AWS4-HMAC-SHA256 {Credential},SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,"
            + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41", SignedAuthorization(request, EmptyHash));
        Assert.Equal("examplebucket.s3.amazonaws.com", request.Headers.Host);
        Assert.Equal(["20130524T000000Z"], request.Headers.GetValues("x-amz-date"));
        Assert.Equal([EmptyHash], request.Headers.GetValues("x-amz-content-sha256"));
    }

    [Fact]
    public void The_put_object_example_encodes_the_path_and_signs_its_extra_headers()
    {
        var body = "Welcome to Amazon S3."u8.ToArray();
        using var request = new HttpRequestMessage(HttpMethod.Put, "https://examplebucket.s3.amazonaws.com/test$file.text");
        request.Headers.Date = At;
        request.Headers.TryAddWithoutValidation("x-amz-storage-class", "REDUCED_REDUNDANCY");

        var hash = SigV4Signer.PayloadHash(body);

        Assert.Equal("44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072", hash);
        Assert.Equal($"AWS4-HMAC-SHA256 {Credential},SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class,"
            + "Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd", SignedAuthorization(request, hash));
    }

    [Fact]
    public void The_lifecycle_example_signs_a_query_name_without_a_value()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://examplebucket.s3.amazonaws.com/?lifecycle");

        Assert.Equal($"AWS4-HMAC-SHA256 {Credential},SignedHeaders=host;x-amz-content-sha256;x-amz-date,"
            + "Signature=fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543", SignedAuthorization(request, EmptyHash));
    }

    [Fact]
    public void The_list_objects_example_sorts_its_query_parameters()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://examplebucket.s3.amazonaws.com/?prefix=J&max-keys=2");

        Assert.Equal($"AWS4-HMAC-SHA256 {Credential},SignedHeaders=host;x-amz-content-sha256;x-amz-date,"
            + "Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7", SignedAuthorization(request, EmptyHash));
    }

    [Fact]
    public void A_request_with_a_body_signs_its_content_type_and_length_and_a_port_in_the_host()
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "http://127.0.0.1:4569/docs/abc?partNumber=2&uploadId=a%2Bb")
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes("part")),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");

        var authorization = SignedAuthorization(request, SigV4Signer.UnsignedPayload);

        Assert.Contains("SignedHeaders=content-length;content-type;host;x-amz-content-sha256;x-amz-date,", authorization, StringComparison.Ordinal);
        Assert.Equal("127.0.0.1:4569", request.Headers.Host);
        Assert.Equal(4, request.Content.Headers.ContentLength);
        // Signing is deterministic, and any change to what is signed changes the signature.
        using var same = new HttpRequestMessage(HttpMethod.Put, request.RequestUri) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes("part")) };
        same.Content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        Assert.Equal(authorization, SignedAuthorization(same, SigV4Signer.UnsignedPayload));
        using var otherPart = new HttpRequestMessage(HttpMethod.Put, "http://127.0.0.1:4569/docs/abc?partNumber=3&uploadId=a%2Bb")
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes("part")),
        };
        otherPart.Content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        Assert.NotEqual(authorization, SignedAuthorization(otherPart, SigV4Signer.UnsignedPayload));
    }
}
