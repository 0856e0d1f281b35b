using System.Globalization;

namespace PublicServices.Identity.Domain;

/// <summary>
/// The 12-digit personal identification number printed on the chip-based citizen identity card (CCCD, số định danh
/// cá nhân). Layout (Circular 59/2021/TT-BCA): 3 digits province of birth registration, 1 digit gender and century,
/// 2 digits the last two digits of the birth year, 6 random digits.
/// </summary>
public sealed record NationalIdNumber
{
    /// <summary>
    /// Province codes of the national list of administrative units as used by CCCD numbers (001 Hà Nội … 096 Cà Mau).
    /// The 2025 province mergers kept one of the merged provinces' codes, and numbers already issued never change,
    /// so the 63 historical codes remain the valid set. Codes in 001–096 that were never assigned are refused.
    /// </summary>
    public static readonly IReadOnlySet<int> ProvinceCodes = new HashSet<int>
    {
        1, 2, 4, 6, 8, 10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25, 26, 27, 30, 31, 33, 34, 35, 36, 37, 38, 40, 42,
        44, 45, 46, 48, 49, 51, 52, 54, 56, 58, 60, 62, 64, 66, 67, 68, 70, 72, 74, 75, 77, 79, 80, 82, 83, 84, 86,
        87, 89, 91, 92, 93, 94, 95, 96,
    };

    public string Value { get; }
    public int ProvinceCode { get; }
    public bool IsFemale { get; }
    public int BirthYear { get; }

    NationalIdNumber(string value, int province, bool female, int birthYear)
    {
        Value = value; ProvinceCode = province; IsFemale = female; BirthYear = birthYear;
    }

    /// <summary>Checks the number against the CCCD layout; the birth year may not be after <paramref name="currentYear"/>.</summary>
    public static NationalIdError? TryParse(string? input, int currentYear, out NationalIdNumber? number)
    {
        number = null;
        var value = input?.Trim() ?? "";
        if (value.Length == 0) return NationalIdError.Missing;
        if (!value.All(char.IsAsciiDigit)) return NationalIdError.NotDigits;
        if (value.Length != 12) return NationalIdError.WrongLength;

        var province = int.Parse(value.AsSpan(0, 3), CultureInfo.InvariantCulture);
        if (!ProvinceCodes.Contains(province)) return NationalIdError.UnknownProvince;

        // Gender/century digit: 0/1 born 1900–1999 (male/female), 2/3 2000–2099, 4/5 2100–2199, and so on.
        var code = value[3] - '0';
        var birthYear = 1900 + code / 2 * 100 + int.Parse(value.AsSpan(4, 2), CultureInfo.InvariantCulture);
        if (birthYear > currentYear) return NationalIdError.BirthYearInFuture;

        number = new NationalIdNumber(value, province, code % 2 == 1, birthYear);
        return null;
    }

    public override string ToString() => Value;
}
