using Microsoft.Extensions.Logging;
using Refit;

namespace PublicServices.ServiceDefaults;

/// <summary>How another service answered a lookup.</summary>
public enum ReplyKind
{
    /// <summary>A 2xx answer with a body.</summary>
    Found,
    /// <summary>404: the service does not know it.</summary>
    NotFound,
    /// <summary>No usable answer (an exception, a timeout, a 5xx or another status): the caller answers 503 and the client retries.</summary>
    Unavailable,
}

/// <summary>What another service answered to a lookup, with the value when it was found.</summary>
public readonly record struct Reply<T>(ReplyKind Kind, T? Value) where T : class;

/// <summary>The one place where a failed call to another service is interpreted.</summary>
public static class Reply
{
    /// <summary>
    /// Makes a Refit call and sorts its outcome into <see cref="ReplyKind"/>. A failure is logged here with
    /// <paramref name="what"/> was asked for; the caller's cancellation is passed on, not reported as unavailable.
    /// </summary>
    public static async Task<Reply<T>> AskAsync<T>(Func<CancellationToken, Task<IApiResponse<T>>> call, ILogger log, string what,
        CancellationToken cancel) where T : class
    {
        IApiResponse<T> response;
        try
        {
            response = await call(cancel);
        }
        catch (Exception e) when (!cancel.IsCancellationRequested)
        {
            log.LogWarning(e, "Asking for {What} failed", what);
            return new Reply<T>(ReplyKind.Unavailable, null);
        }
        using (response)
        {
            if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
                return new Reply<T>(ReplyKind.NotFound, null);
            if (response.IsSuccessStatusCode && response.Content is { } value)
                return new Reply<T>(ReplyKind.Found, value);
            log.LogWarning(response.Error, "Asking for {What} got {Status}", what, (int?)response.StatusCode);
            return new Reply<T>(ReplyKind.Unavailable, null);
        }
    }
}
