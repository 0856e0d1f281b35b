using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PublicServices.ServiceDefaults.Resources;

namespace PublicServices.ServiceDefaults;

/// <summary>
/// A request that failed because something it needs could not be reached (the database, the object store, another
/// service) answers 503 (with Retry-After, as every 503 problem), as problem+json in the caller's language, instead of 500: the client (with
/// its Idempotency-Key) may simply send it again.
/// </summary>
public sealed class UnavailableDependencyHandler(IProblemDetailsService problems, IStringLocalizer<SharedMessages> text) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsUnavailable(exception) || httpContext.Response.HasStarted)
            return false;
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = text["Status.503"],
                Detail = text["Dependency.Unavailable"],
            },
        });
    }

    /// <summary>The database could not be reached, or an outgoing HTTP call (object store, another service) failed to connect or answer.</summary>
    public static bool IsUnavailable(Exception exception)
    {
        if (exception.IsDatabaseUnavailable())
            return true;
        for (Exception? x = exception; x is not null; x = x.InnerException)
            if (x is HttpRequestException)
                return true;
        return false;
    }
}
