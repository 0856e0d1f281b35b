using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PublicServices.Documents.Tests.Support;

/// <summary>
/// Uploads over a raw socket, so the test decides when each byte leaves (HttpClient buffers what it sends): held (the
/// first bytes at once, the rest when released) or trickled (a few bytes at a time).
/// </summary>
public sealed class SlowUpload(Uri server, string token, string path, byte[] file)
{
    const string Boundary = "slow-upload-boundary";

    byte[] Body() => [.. Encoding.ASCII.GetBytes($"--{Boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"cham.pdf\"\r\n"
        + "Content-Type: application/pdf\r\n\r\n"), .. file, .. Encoding.ASCII.GetBytes($"\r\n--{Boundary}--\r\n")];

    /// <summary>Sends all but the last <paramref name="rest"/> bytes, waits for <paramref name="release"/>, sends the rest; the answer's status.</summary>
    public Task<HttpStatusCode?> HeldAsync(int rest, Task release) => SendAsync(async (stream, body) =>
    {
        await stream.WriteAsync(body.AsMemory(0, body.Length - rest));
        await stream.FlushAsync();
        await release;
        await stream.WriteAsync(body.AsMemory(body.Length - rest));
    });

    /// <summary>Sends <paramref name="chunk"/> bytes every <paramref name="every"/>; null when the server closed the connection.</summary>
    public Task<HttpStatusCode?> TrickledAsync(int chunk, TimeSpan every) => SendAsync(async (stream, body) =>
    {
        for (var at = 0; at < body.Length; at += chunk)
        {
            await stream.WriteAsync(body.AsMemory(at, Math.Min(chunk, body.Length - at)));
            await stream.FlushAsync();
            await Task.Delay(every);
        }
    });

    async Task<HttpStatusCode?> SendAsync(Func<NetworkStream, byte[], Task> send)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port);
        var stream = tcp.GetStream();
        var body = Body();
        var head = $"POST {path} HTTP/1.1\r\nHost: {server.Authority}\r\nAuthorization: Bearer {token}\r\n"
            + $"Content-Type: multipart/form-data; boundary={Boundary}\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n";
        try
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
            await send(stream, body);
            using var reader = new StreamReader(stream, Encoding.ASCII);
            var status = await reader.ReadLineAsync();
            return status is { Length: >= 12 } ? (HttpStatusCode)int.Parse(status[9..12], System.Globalization.CultureInfo.InvariantCulture) : null;
        }
        catch (IOException)
        {
            // The server closed the connection: what it does to a client that is too slow.
            return null;
        }
    }
}
