using System.Globalization;

namespace PublicServices.Dossiers.Domain;

/// <summary>
/// The dossier code (mã hồ sơ) <c>&lt;agency code&gt;-&lt;YYMMDD&gt;-&lt;NNNN&gt;</c>, issued on submission.
/// The day is the submission's date in Vietnam (UTC+7); the sequence counts that agency's dossiers of that day.
/// </summary>
public sealed record DossierCode(string AgencyCode, DateOnly Day, long Sequence)
{
    /// <summary>Vietnam has kept UTC+7 all year since 1975 (no daylight saving), so a fixed offset is exact.</summary>
    public static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    /// <summary>The Vietnamese calendar day of an instant: from 17:00 UTC it is already the next day.</summary>
    public static DateOnly VietnamDay(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(VietnamOffset).DateTime);

    public static DossierCode For(string agencyCode, DateTimeOffset submittedAt, long sequence) =>
        new(agencyCode, VietnamDay(submittedAt), sequence);

    /// <summary>
    /// Four digits, zero-padded. From the 10,000th dossier of an agency in one day the sequence simply grows wider
    /// (10000, 10001, …): the national format assumes fewer, and refusing a citizen's submission would be worse than
    /// a longer code. Codes stay unique because (agency, day, sequence) is.
    /// </summary>
    public override string ToString()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(AgencyCode);
        ArgumentOutOfRangeException.ThrowIfLessThan(Sequence, 1);
        return string.Create(CultureInfo.InvariantCulture, $"{AgencyCode}-{Day:yyMMdd}-{Sequence:D4}");
    }

    /// <summary>Reads a code back; the agency part may itself contain dots but the last two parts are fixed.</summary>
    public static bool TryParse(string? text, out DossierCode? code)
    {
        code = null;
        if (string.IsNullOrEmpty(text) || text.Length > 100)
            return false;
        var last = text.LastIndexOf('-');
        var middle = last > 0 ? text.LastIndexOf('-', last - 1) : -1;
        if (middle <= 0)
            return false;
        var sequence = text[(last + 1)..];
        if (sequence.Length < 4 || !sequence.All(char.IsAsciiDigit) || !long.TryParse(sequence, CultureInfo.InvariantCulture, out var n) || n < 1)
            return false;
        if (!DateOnly.TryParseExact(text[(middle + 1)..last], "yyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return false;
        code = new DossierCode(text[..middle], day, n);
        return true;
    }
}
