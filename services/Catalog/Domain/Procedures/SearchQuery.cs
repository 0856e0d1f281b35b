using Microsoft.Extensions.Localization;
using PublicServices.Catalog.Resources;
using PublicServices.ServiceDefaults;
using PublicServices.ServiceDefaults.Resources;

namespace PublicServices.Catalog.Domain.Procedures;

/// <summary>
/// A catalog search as the query string states it. Parsed by hand rather than bound, so a wrong "page=abc" gets
/// the same field-level answer in the caller's language as "page=0".
/// </summary>
public sealed record SearchQuery(IReadOnlyList<string> Terms, string? Agency, int? Level, PageRequest Paging)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
    public const int MaxQueryLength = 200;
    const int MaxTerms = 8;

    public static bool TryParse(string? q, string? agency, string? level, string? page, string? pageSize,
        IStringLocalizer<Messages> text, IStringLocalizer<SharedMessages> shared, out SearchQuery query, out Dictionary<string, string[]> errors)
    {
        errors = new(StringComparer.Ordinal);
        if (q is { Length: > MaxQueryLength })
            errors["q"] = [text["Search.QueryTooLong", MaxQueryLength]];
        var terms = SearchTextRules.Terms(q);
        if (terms.Count > MaxTerms)
            errors["q"] = [text["Search.TooManyWords", MaxTerms]];

        int? parsedLevel = null;
        if (!string.IsNullOrEmpty(level))
        {
            if (level is "3" or "4")
                parsedLevel = level[0] - '0';
            else
                errors["level"] = [text["Procedure.Level"]];
        }

        var paging = PageRequest.Parse(page, pageSize, DefaultPageSize, MaxPageSize, errors, shared);
        query = new SearchQuery(terms, string.IsNullOrWhiteSpace(agency) ? null : agency.Trim(), parsedLevel, paging);
        return errors.Count == 0;
    }
}
