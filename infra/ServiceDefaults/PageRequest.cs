using System.Globalization;
using Microsoft.Extensions.Localization;
using PublicServices.ServiceDefaults.Resources;

namespace PublicServices.ServiceDefaults;

/// <summary>
/// A page of a list as the caller asked for it: <c>?page=</c> (from 1) and <c>?pageSize=</c> (from 1 to the list's
/// maximum), read the same way by every service. The page is capped so that the rows to skip fit an int.
/// </summary>
public readonly record struct PageRequest(int Page, int PageSize)
{
    /// <summary>Rows before this page.</summary>
    public int Skip => (Page - 1) * PageSize;

    /// <summary>
    /// Reads the two query values; a missing one takes its default, a wrong one adds a field error ("page", "pageSize")
    /// to <paramref name="errors"/> and the default is returned in its place.
    /// </summary>
    public static PageRequest Parse(string? page, string? pageSize, int defaultSize, int maxSize, IDictionary<string, string[]> errors,
        IStringLocalizer<SharedMessages> text)
    {
        var size = defaultSize;
        if (!string.IsNullOrEmpty(pageSize) && !TryRead(pageSize, maxSize, out size))
        {
            errors["pageSize"] = [text["Paging.PageSize", maxSize]];
            size = defaultSize;
        }
        var maxPage = int.MaxValue / Math.Max(maxSize, 1);
        var number = 1;
        if (!string.IsNullOrEmpty(page) && !TryRead(page, maxPage, out number))
        {
            errors["page"] = [text["Paging.Page", maxPage]];
            number = 1;
        }
        return new PageRequest(number, size);
    }

    static bool TryRead(string value, int max, out int number) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number >= 1 && number <= max;
}
