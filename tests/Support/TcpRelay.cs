using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace PublicServices.Testing;

/// <summary>
/// A loopback TCP relay to a real server that a test can take down: while <see cref="Down"/> is true, open
/// connections are cut and new ones are reset at once, as when the server behind it stops.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    readonly TcpListener listener = new(IPAddress.Loopback, 0);
    readonly string target;
    readonly CancellationTokenSource stop = new();
    readonly ConcurrentDictionary<Socket, byte> open = new();
    readonly Task accepting;
    volatile bool down;

    public TcpRelay(string targetHostPort)
    {
        target = targetHostPort;
        listener.Start();
        accepting = Task.Run(AcceptAsync);
    }

    /// <summary>host:port of the relay.</summary>
    public string Endpoint => $"127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";

    public bool Down
    {
        get => down;
        set
        {
            down = value;
            if (value)
                foreach (var socket in open.Keys)
                    Reset(socket);
        }
    }

    async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            Socket client;
            try { client = await listener.AcceptSocketAsync(stop.Token); }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException) { return; }
            // Registered before Down is read again, so a Down set meanwhile cuts this connection too.
            open[client] = 0;
            if (down) { open.TryRemove(client, out _); Reset(client); continue; }
            _ = Task.Run(() => PipeAsync(client));
        }
    }

    async Task PipeAsync(Socket client)
    {
        var (host, port) = (target[..target.LastIndexOf(':')], int.Parse(target[(target.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        using var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        open[server] = 0;
        if (down)
            Reset(server);
        try
        {
            await server.ConnectAsync(host, port, stop.Token);
            await Task.WhenAny(CopyAsync(client, server), CopyAsync(server, client));
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException) { }
        finally
        {
            open.TryRemove(client, out _);
            open.TryRemove(server, out _);
            Reset(client);
        }
    }

    async Task CopyAsync(Socket from, Socket to)
    {
        var buffer = new byte[16384];
        try
        {
            int n;
            while ((n = await from.ReceiveAsync(buffer, stop.Token)) > 0)
                await to.SendAsync(buffer.AsMemory(0, n), stop.Token);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException) { }
    }

    static void Reset(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }
        catch (ObjectDisposedException) { }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        foreach (var socket in open.Keys)
            Reset(socket);
        await accepting;
        stop.Dispose();
    }
}
