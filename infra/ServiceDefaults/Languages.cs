using System.Globalization;

namespace PublicServices.ServiceDefaults;

/// <summary>
/// The request's language (request localization sets it: Vietnamese unless the request names English) for data kept
/// in both languages, such as a procedure's or a form field's name. Texts of our own are in resource files instead.
/// </summary>
public static class Languages
{
    /// <summary>True when the request's language is English.</summary>
    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>The value in the request's language, the other one when it is missing.</summary>
    public static string Pick(string? vi, string? en) => (IsEnglish ? en ?? vi : vi ?? en) ?? "";
}
