using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using PublicServices.Gateway.Resources;

namespace PublicServices.Gateway;

/// <summary>
/// The problem details the gateway writes itself (413, 429, 502, 504, …). The language is worked out only here,
/// on the error path, so ordinary proxied requests never pay for request localization.
/// </summary>
static class GatewayProblems
{
    static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi");

    public static Task WriteAsync(HttpContext context, int status, string? detail = null, IDictionary<string, object?>? extensions = null)
    {
        context.Response.StatusCode = status;
        return WriteCoreAsync(context, status, detail, extensions);
    }

    static async Task WriteCoreAsync(HttpContext context, int status, string? detail, IDictionary<string, object?>? extensions)
    {
        // Set inside this async method, the language holds for this write only: it does not flow back to the caller.
        CultureInfo.CurrentUICulture = await CultureAsync(context);
        var problem = new ProblemDetails { Status = status, Title = Title(context, status), Detail = detail };
        if (extensions is not null)
            foreach (var (key, value) in extensions)
                problem.Extensions[key] = value;
        var writer = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await writer.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }

    /// <summary>The gateway's own title for the status ("Status.504"), or its general one.</summary>
    static string Title(HttpContext context, int status)
    {
        var text = context.RequestServices.GetRequiredService<IStringLocalizer<Messages>>();
        var title = text[string.Create(CultureInfo.InvariantCulture, $"Status.{status}")];
        return title.ResourceNotFound ? text["Status.Other"] : title;
    }

    /// <summary>Same sources and order as the services (?culture=, cookie, Accept-Language); Vietnamese when none names en.</summary>
    static async ValueTask<CultureInfo> CultureAsync(HttpContext context)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<RequestLocalizationOptions>>().Value;
        foreach (var provider in options.RequestCultureProviders)
        {
            if (await provider.DetermineProviderCultureResult(context) is not { } result)
                continue;
            foreach (var culture in result.UICultures)
            {
                if (culture.StartsWith("en", StringComparison.OrdinalIgnoreCase)) return English;
                if (culture.StartsWith("vi", StringComparison.OrdinalIgnoreCase)) return Vietnamese;
            }
        }
        return Vietnamese;
    }
}
