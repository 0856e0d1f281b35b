using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.WebUtilities;

namespace PublicServices.WebUi;

/// <summary>
/// Vietnamese first, English one click away: <c>?culture=vi|en</c> switches the language (the request localization
/// reads it) and this remembers the choice in the culture cookie for the next pages and form posts.
/// </summary>
public static class CultureChoice
{
    public const string Query = "culture";

    public static IApplicationBuilder UseCultureChoice(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var culture = context.Request.Query[Query].ToString();
        if (culture is "vi" or "en")
            context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true, MaxAge = TimeSpan.FromDays(365),
                    Secure = context.Request.IsHttps });
        await next(context);
    });

    /// <summary>The current address with ?culture= replaced, for the language switch.</summary>
    public static string SwitchTo(HttpRequest request, string culture)
    {
        var query = QueryHelpers.ParseQuery(request.QueryString.Value)
            .Where(p => !string.Equals(p.Key, Query, StringComparison.OrdinalIgnoreCase))
            .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v)))
            .Append(new(Query, culture));
        return QueryHelpers.AddQueryString(request.PathBase + request.Path, query);
    }
}
