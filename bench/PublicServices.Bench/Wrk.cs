using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace PublicServices.Bench;

/// <summary>One wrk run's outcome.</summary>
public sealed record WrkResult(long Requests, double Seconds, double RequestsPerSecond, long Non2xx, long SocketErrors,
    string Latency50, string Latency99)
{
    public long Errors => Non2xx + SocketErrors;
    public string? SocketErrorDetail { get; init; }

    public string ErrorText => Errors == 0 ? "no errors" : $"{Non2xx} non-2xx, {SocketErrors} socket errors ({SocketErrorDetail})";
}

/// <summary>Runs wrk (apt-get install -y wrk) and reads its summary.</summary>
public static partial class Wrk
{
    public static async Task<WrkResult> RunAsync(BenchOptions o, string url, int seconds, params string[] headers)
    {
        var info = new ProcessStartInfo("wrk")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { $"-t{o.WrkThreads}", $"-c{o.WrkConnections}", $"-d{seconds}s", "--latency" })
            info.ArgumentList.Add(a);
        foreach (var header in headers)
        {
            info.ArgumentList.Add("-H");
            info.ArgumentList.Add(header);
        }
        info.ArgumentList.Add(url);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("wrk did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var text = await stdout;
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"wrk failed ({process.ExitCode}): {text} {await stderr}");
        return Parse(text);
    }

    public static WrkResult Parse(string text)
    {
        var total = RequestsLine().Match(text);
        if (!total.Success)
            throw new InvalidOperationException("unexpected wrk output: " + text);
        var socket = SocketErrorsLine().Match(text);
        long socketErrors = socket.Success
            ? Enumerable.Range(1, 4).Sum(i => long.Parse(socket.Groups[i].Value, CultureInfo.InvariantCulture)) : 0;
        var non2xx = Non2xxLine().Match(text);
        var requests = long.Parse(total.Groups[1].Value, CultureInfo.InvariantCulture);
        var seconds = ParseDuration(total.Groups[2].Value);
        return new WrkResult(requests, seconds, requests / seconds,
            non2xx.Success ? long.Parse(non2xx.Groups[1].Value, CultureInfo.InvariantCulture) : 0, socketErrors,
            Percentile(text, "50%"), Percentile(text, "99%"))
        { SocketErrorDetail = socket.Success ? socket.Value : null };
    }

    static double ParseDuration(string value)
    {
        var m = DurationValue().Match(value);
        var number = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        return m.Groups[2].Value switch { "ms" => number / 1000, "m" => number * 60, "us" => number / 1e6, _ => number };
    }

    static string Percentile(string text, string which)
    {
        var m = Regex.Match(text, $@"^\s*{Regex.Escape(which)}\s+(\S+)", RegexOptions.Multiline);
        return m.Success ? m.Groups[1].Value : "?";
    }

    [GeneratedRegex(@"(\d+) requests in ([\d.]+\w+)")]
    private static partial Regex RequestsLine();
    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrorsLine();
    [GeneratedRegex(@"Non-2xx or 3xx responses: (\d+)")]
    private static partial Regex Non2xxLine();
    [GeneratedRegex(@"^([\d.]+)(\w+)$")]
    private static partial Regex DurationValue();
}
