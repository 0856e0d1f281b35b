using PublicServices.ServiceDefaults;

namespace PublicServices.Catalog.Domain.Procedures;

/// <summary>
/// A catalog search as the query string states it. Parsed by hand rather than bound, so a wrong "page=abc" gets
/// the same field-level answer in the caller's language as "page=0".
/// </summary>
public sealed record SearchQuery(IReadOnlyList<string> Terms, string? Agency, int? Level, int Page, int PageSize)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
    public const int MaxPage = 100_000;
    public const int MaxQueryLength = 200;
    const int MaxTerms = 8;

    public int Skip => (Page - 1) * PageSize;

    public static bool TryParse(string? q, string? agency, string? level, string? page, string? pageSize,
        out SearchQuery query, out Dictionary<string, string[]> errors)
    {
        errors = [];
        if (q is { Length: > MaxQueryLength })
            errors["q"] = [Problems.Text($"Từ khóa tìm kiếm dài tối đa {MaxQueryLength} ký tự.", $"The search text may be at most {MaxQueryLength} characters long.")];
        var terms = SearchTextRules.Terms(q);
        if (terms.Count > MaxTerms)
            errors["q"] = [Problems.Text($"Từ khóa tìm kiếm có tối đa {MaxTerms} từ.", $"The search text may have at most {MaxTerms} words.")];

        int? parsedLevel = null;
        if (!string.IsNullOrEmpty(level))
        {
            if (level is "3" or "4")
                parsedLevel = level[0] - '0';
            else
                errors["level"] = [Problems.Text("Mức độ dịch vụ phải là 3 hoặc 4.", "The service level must be 3 or 4.")];
        }

        var parsedPage = 1;
        if (!string.IsNullOrEmpty(page) && (!int.TryParse(page, out parsedPage) || parsedPage < 1 || parsedPage > MaxPage))
            errors["page"] = [Problems.Text($"Số trang phải là số nguyên từ 1 đến {MaxPage}.", $"The page must be a whole number from 1 to {MaxPage}.")];

        var parsedSize = DefaultPageSize;
        if (!string.IsNullOrEmpty(pageSize) && (!int.TryParse(pageSize, out parsedSize) || parsedSize < 1 || parsedSize > MaxPageSize))
            errors["pageSize"] = [Problems.Text($"Số dòng mỗi trang phải là số nguyên từ 1 đến {MaxPageSize}.", $"The page size must be a whole number from 1 to {MaxPageSize}.")];

        query = new SearchQuery(terms, string.IsNullOrWhiteSpace(agency) ? null : agency.Trim(), parsedLevel, parsedPage, parsedSize);
        return errors.Count == 0;
    }
}
