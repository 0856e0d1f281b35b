using System.Net.Http.Headers;
using System.Security.Cryptography;
using PublicServices.Testing;

namespace PublicServices.Documents.Tests.Support;

/// <summary>
/// Real files of an exact size (<see cref="SampleFiles"/>), and disguised ones: the right magic numbers, then random
/// bytes, as an attacker would send them.
/// </summary>
public static class TestFiles
{
    public static byte[] Pdf(int size) => SampleFiles.Pdf(size);
    public static byte[] Png(int size) => SampleFiles.Png(size);
    public static byte[] Jpeg(int size) => SampleFiles.Jpeg(size);
    /// <summary>A PDF header, then an executable's bytes.</summary>
    public static byte[] FakePdf(int size) => WithHeader([.. "%PDF-1.7\n%âãÏÓ\n"u8, .. Elf(64)], size);
    /// <summary>A PNG signature and IHDR's start, then random bytes.</summary>
    public static byte[] FakePng(int size) => WithHeader([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52], size);
    /// <summary>A JPEG's SOI and JFIF marker, then random bytes.</summary>
    public static byte[] FakeJpeg(int size) => WithHeader([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46], size);
    /// <summary>A Linux executable (ELF).</summary>
    public static byte[] Elf(int size) => WithHeader([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00], size);
    /// <summary>A Windows executable (MZ).</summary>
    public static byte[] WindowsExe(int size) => WithHeader([0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00], size);

    static byte[] WithHeader(ReadOnlySpan<byte> header, int size)
    {
        var bytes = RandomNumberGenerator.GetBytes(size);
        header[..Math.Min(header.Length, size)].CopyTo(bytes);
        return bytes;
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>multipart/form-data with one file part, as a browser's FormData sends it.</summary>
    public static MultipartFormDataContent Form(byte[] bytes, string fileName, string partName = "file", string clientType = "application/pdf")
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(clientType);
        return new MultipartFormDataContent { { file, partName, fileName } };
    }

    /// <summary>The same, but without a length: sent chunked, so only the streaming limit can stop it.</summary>
    public static MultipartFormDataContent ChunkedForm(byte[] bytes, string fileName)
    {
        var file = new StreamContent(new UnknownLengthStream(bytes));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        return new MultipartFormDataContent { { file, "file", fileName } };
    }

    sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
    }
}
