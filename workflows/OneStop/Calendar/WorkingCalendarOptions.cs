using Microsoft.Extensions.Options;

namespace PublicServices.OneStop.Calendar;

/// <summary>
/// The working-day calendar of the one-stop desks, bound from configuration section <c>Workflow:Calendar</c>.
/// </summary>
/// <remarks>
/// The configuration binder appends list items to a list's initial content, so the built-in Vietnam days are
/// not put into <see cref="Holidays"/>; they are added when <see cref="IncludeVietnamHolidays"/> is true.
/// </remarks>
public sealed class WorkingCalendarOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "Workflow:Calendar";

    /// <summary>IANA (or Windows) id of the zone whose wall clock defines working days and hours.</summary>
    public string TimeZone { get; set; } = "Asia/Ho_Chi_Minh";

    /// <summary>Adds <see cref="VietnamHolidays"/> to the configured lists.</summary>
    public bool IncludeVietnamHolidays { get; set; } = true;

    /// <summary>Extra days off (holidays, days in lieu, swapped weekdays).</summary>
    public List<DateOnly> Holidays { get; set; } = [];

    /// <summary>Extra weekend days that are worked (make-up days for a swapped weekday).</summary>
    public List<DateOnly> MakeUpWorkingDays { get; set; } = [];

    /// <summary>Start of the morning working period.</summary>
    public TimeOnly MorningStart { get; set; } = new(7, 30);

    /// <summary>End of the morning working period.</summary>
    public TimeOnly MorningEnd { get; set; } = new(11, 30);

    /// <summary>Start of the afternoon working period.</summary>
    public TimeOnly AfternoonStart { get; set; } = new(13, 0);

    /// <summary>End of the afternoon working period.</summary>
    public TimeOnly AfternoonEnd { get; set; } = new(17, 0);

    /// <summary>A dossier received after this time of a working day counts from the next working day.</summary>
    public TimeOnly AfternoonCutOff { get; set; } = new(15, 0);

    /// <summary>All built-in and configured days off.</summary>
    public IEnumerable<DateOnly> EffectiveHolidays =>
        IncludeVietnamHolidays ? VietnamHolidays.PublicHolidays.Concat(Holidays) : Holidays;

    /// <summary>All built-in and configured make-up working days.</summary>
    public IEnumerable<DateOnly> EffectiveMakeUpWorkingDays =>
        IncludeVietnamHolidays ? VietnamHolidays.MakeUpWorkingDays.Concat(MakeUpWorkingDays) : MakeUpWorkingDays;
}

/// <summary>Checks <see cref="WorkingCalendarOptions"/> on start (register it with ValidateOnStart).</summary>
public sealed class WorkingCalendarOptionsValidator : IValidateOptions<WorkingCalendarOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, WorkingCalendarOptions options)
    {
        var problems = Problems(options).ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <summary>The list of configuration problems; empty when the options are usable.</summary>
    public static IEnumerable<string> Problems(WorkingCalendarOptions o)
    {
        const string s = WorkingCalendarOptions.SectionName;
        if (!TryFindZone(o.TimeZone, out _))
            yield return $"{s}:TimeZone '{o.TimeZone}' is not a known time zone.";
        if (!(o.MorningStart < o.MorningEnd && o.MorningEnd <= o.AfternoonStart && o.AfternoonStart < o.AfternoonEnd))
            yield return $"{s}: working hours must be ordered MorningStart < MorningEnd <= AfternoonStart < AfternoonEnd.";
        if (o.AfternoonCutOff < o.MorningStart || o.AfternoonCutOff > o.AfternoonEnd)
            yield return $"{s}:AfternoonCutOff must lie within the working hours.";
        var both = o.EffectiveHolidays.Intersect(o.EffectiveMakeUpWorkingDays).ToList();
        if (both.Count > 0)
            yield return $"{s}: {string.Join(", ", both.Select(d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)))} is both a holiday and a make-up working day.";
    }

    internal static bool TryFindZone(string id, out TimeZoneInfo zone)
    {
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            zone = TimeZoneInfo.Utc;
            return false;
        }
    }
}
