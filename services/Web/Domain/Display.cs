using System.Globalization;

namespace PublicServices.Web.Domain;

/// <summary>How the portal writes money, dates, sizes and names for people in Vietnam, in the request's language.</summary>
public static class Display
{
    /// <summary>Vietnam time (UTC+7 all year: no daylight saving).</summary>
    public static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>The text in the request's language.</summary>
    public static string Pick(string vi, string en) => IsEnglish && !string.IsNullOrEmpty(en) ? en : vi;

    static readonly System.Resources.ResourceManager Texts = new("PublicServices.Web.Resources.Messages", typeof(Display).Assembly);

    /// <summary>"200.000 đ": a dot between thousands, no decimals, in both languages (it is the currency's own form).</summary>
    public static string Money(long amount) =>
        string.Format(CultureInfo.InvariantCulture, Texts.GetString("Money.Amount", CultureInfo.CurrentUICulture) ?? "{0}", amount.ToString("#,0", Vietnamese));

    /// <summary>dd/MM/yyyy in Vietnam time.</summary>
    public static string Date(DateTimeOffset at) => at.ToOffset(VietnamOffset).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>dd/MM/yyyy HH:mm (24 hours) in Vietnam time.</summary>
    public static string DateTime(DateTimeOffset at) => at.ToOffset(VietnamOffset).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    /// <summary>An ISO date (yyyy-MM-dd, as forms store it) as dd/MM/yyyy; anything else unchanged.</summary>
    public static string IsoDate(string iso) =>
        DateOnly.TryParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) : iso;

    /// <summary>A number as people write it here: "1.234,5" in Vietnamese, "1,234.5" in English.</summary>
    public static string Number(decimal value) => value.ToString("#,0.##", IsEnglish ? CultureInfo.InvariantCulture : Vietnamese);

    /// <summary>"4,2 MB", "350 KB".</summary>
    public static string Size(long bytes)
    {
        var culture = IsEnglish ? CultureInfo.InvariantCulture : Vietnamese;
        return bytes >= 1024 * 1024
            ? (bytes / 1024d / 1024d).ToString("0.#", culture) + " MB"
            : Math.Max(1, (long)Math.Ceiling(bytes / 1024d)).ToString(culture) + " KB";
    }

    /// <summary>The short name of a file type people recognise: "PDF", "JPEG", "PNG".</summary>
    public static string FileType(string mime) => mime switch
    {
        "application/pdf" => "PDF",
        "image/jpeg" => "JPEG",
        "image/png" => "PNG",
        _ => mime,
    };

    /// <summary>The extensions a file chooser should offer for these types.</summary>
    public static string Accept(IEnumerable<string> mimes) => string.Join(',', mimes.SelectMany(m => m switch
    {
        "application/pdf" => new[] { ".pdf", m },
        "image/jpeg" => [".jpg", ".jpeg", m],
        "image/png" => [".png", m],
        _ => [m],
    }));
}
