using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using PublicServices.Identity.Resources;

namespace PublicServices.Identity.Pages;

/// <summary>One input of a form, with its hint and its errors.</summary>
public sealed record FormField(string Name, string Label, string Type = "text", string? Value = null, string? Hint = null,
    string? Autocomplete = null, string? InputMode = null);

/// <summary>
/// Server-rendered pages: small, without scripts, accessible (lang, labels, hints and errors tied to their inputs
/// with aria-describedby, an error summary that takes focus and links to each field, visible focus, mobile viewport).
/// </summary>
public static class Html
{
    static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string E(string? text) => Encoder.Encode(text ?? "");

    public static ContentHttpResult Page(HttpContext context, IStringLocalizer<Messages> text, string title, string body,
        IDictionary<string, string[]>? errors = null, int status = 200)
    {
        // The request's language (vi or en); the switch offers the other one, named in its own language.
        var lang = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var other = (Code: text["Page.OtherLanguage"].Value, Name: text["Page.OtherLanguageName"].Value);
        var hasErrors = errors is { Count: > 0 };
        // GOV.UK pattern: a title starting with "Error:" tells screen-reader users at once that the form came back.
        var fullTitle = (hasErrors ? text["Page.Error"] + " " : "") + title + " – " + text["Page.Portal"];
        var html = $$"""
            <!DOCTYPE html>
            <html lang="{{E(lang)}}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{E(fullTitle)}}</title>
            <style>{{Styles}}</style>
            </head>
            <body>
            <a class="skip-link" href="#main">{{E(text["Page.SkipLink"])}}</a>
            <header class="site-header">
            <span class="brand">{{E(text["Page.Brand"])}}</span>
            <nav aria-label="{{E(text["Page.LanguageMenu"])}}"><a href="{{E(WithCulture(context, other.Code))}}" lang="{{E(other.Code)}}" hreflang="{{E(other.Code)}}">{{E(other.Name)}}</a></nav>
            </header>
            <main id="main" class="container">
            {{(hasErrors ? ErrorSummary(errors!, text) : "")}}
            <h1>{{E(title)}}</h1>
            {{body}}
            </main>
            </body>
            </html>
            """;
        return TypedResults.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    static string ErrorSummary(IDictionary<string, string[]> errors, IStringLocalizer<Messages> text)
    {
        var items = new StringBuilder();
        foreach (var (field, messages) in errors)
            foreach (var message in messages)
                items.Append(CultureInfo.InvariantCulture, $"<li><a href=\"#{E(field)}\">{E(message)}</a></li>");
        return $"""
            <div class="error-summary" id="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" autofocus>
            <h2 id="error-summary-title">{E(text["Page.ErrorSummary"])}</h2>
            <ul>{items}</ul>
            </div>
            """;
    }

    /// <summary>A form that posts back with its antiforgery token; the inputs come already rendered.</summary>
    public static string Form(HttpContext context, IAntiforgery antiforgery, string action, string inner, string submit)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        return $"""
            <form method="post" action="{E(action)}" novalidate>
            <input type="hidden" name="{E(tokens.FormFieldName)}" value="{E(tokens.RequestToken)}">
            {inner}
            <button type="submit" class="button">{E(submit)}</button>
            </form>
            """;
    }

    public static string Field(FormField f, IDictionary<string, string[]>? errors, IStringLocalizer<Messages> text)
    {
        var messages = errors is not null && errors.TryGetValue(f.Name, out var m) ? m : [];
        var describedBy = new List<string>();
        var hint = "";
        if (f.Hint is not null)
        {
            hint = $"<p class=\"hint\" id=\"{f.Name}-hint\">{E(f.Hint)}</p>";
            describedBy.Add(f.Name + "-hint");
        }
        var error = "";
        if (messages.Length > 0)
        {
            var prefix = E(text["Page.Error"]);
            error = $"<p class=\"error-message\" id=\"{f.Name}-error\">" +
                    string.Join("<br>", messages.Select(x => $"<span class=\"visually-hidden\">{prefix}</span> {E(x)}")) + "</p>";
            describedBy.Add(f.Name + "-error");
        }
        var attributes = new StringBuilder();
        if (f.Autocomplete is not null) attributes.Append(CultureInfo.InvariantCulture, $" autocomplete=\"{f.Autocomplete}\"");
        if (f.InputMode is not null) attributes.Append(CultureInfo.InvariantCulture, $" inputmode=\"{f.InputMode}\"");
        if (describedBy.Count > 0) attributes.Append(CultureInfo.InvariantCulture, $" aria-describedby=\"{string.Join(' ', describedBy)}\"");
        if (messages.Length > 0) attributes.Append(" aria-invalid=\"true\"");
        // Passwords are never written back into the page.
        var value = f.Type == "password" ? "" : $" value=\"{E(f.Value)}\"";
        return $"""
            <div class="field{(messages.Length > 0 ? " field-error" : "")}">
            <label for="{f.Name}">{E(f.Label)}</label>
            {hint}{error}
            <input class="input" id="{f.Name}" name="{f.Name}" type="{f.Type}"{value}{attributes} required>
            </div>
            """;
    }

    /// <summary>The current address with ?culture= replaced, for the language switch.</summary>
    public static string WithCulture(HttpContext context, string culture)
    {
        var query = QueryHelpers.ParseQuery(context.Request.QueryString.Value)
            .Where(p => !string.Equals(p.Key, "culture", StringComparison.OrdinalIgnoreCase))
            .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v)))
            .Append(new("culture", culture));
        return QueryHelpers.AddQueryString(context.Request.PathBase + context.Request.Path, query);
    }

    // High contrast (AA), large touch targets, and a focus ring that every control shows.
    const string Styles = """
        *{box-sizing:border-box}
        body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;font-size:1.125rem;line-height:1.5;color:#0b0c0c;background:#fff}
        .skip-link{position:absolute;left:-9999px}.skip-link:focus{left:1rem;top:1rem;background:#ffdd00;color:#0b0c0c;padding:.5rem;z-index:10}
        .site-header{display:flex;justify-content:space-between;align-items:center;flex-wrap:wrap;gap:.5rem;padding:.75rem 1rem;background:#a6192e;color:#fff}
        .site-header a{color:#fff}.brand{font-weight:700}
        .container{max-width:40rem;margin:0 auto;padding:1rem}
        h1{font-size:1.75rem;margin:1rem 0}
        .field{margin-bottom:1.25rem}
        label{display:block;font-weight:700;margin-bottom:.25rem}
        .hint{margin:0 0 .25rem;color:#484949}
        .input{width:100%;min-height:2.75rem;padding:.5rem;font-size:1.125rem;border:2px solid #0b0c0c;border-radius:0}
        .field-error{border-left:5px solid #b10e1e;padding-left:.75rem}
        .field-error .input{border-color:#b10e1e}
        .error-message{color:#b10e1e;font-weight:700;margin:0 0 .25rem}
        .error-summary{border:5px solid #b10e1e;padding:1rem;margin-bottom:1.5rem}
        .error-summary h2{margin-top:0;font-size:1.25rem}.error-summary a{color:#b10e1e;font-weight:700}
        .button{min-height:2.75rem;padding:.5rem 1.25rem;font-size:1.125rem;font-weight:700;color:#fff;background:#00703c;border:0;border-bottom:2px solid #002d18;cursor:pointer}
        a{color:#1d70b8}
        :focus-visible{outline:3px solid #ffdd00;outline-offset:0;box-shadow:0 0 0 6px #0b0c0c}
        .visually-hidden{position:absolute!important;width:1px;height:1px;margin:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
        """;
}
