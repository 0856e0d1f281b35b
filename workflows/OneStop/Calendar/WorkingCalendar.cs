using Microsoft.Extensions.Options;

namespace PublicServices.OneStop.Calendar;

/// <summary>
/// Working days and working time of the one-stop desks: weekends and public holidays are off, make-up Saturdays
/// are on, and a working day is the working hours of that day (by default 07:30–11:30 and 13:00–17:00, 8 hours).
/// </summary>
/// <remarks>
/// Time of day is kept, not rounded to whole days: durations are counted in working time, one working day being
/// the length of the day's working hours. So a dossier received on Monday at 09:00 with a one-day limit is due on
/// Tuesday at 09:00, and half a day is half the working hours (4 hours by default), which may cross the lunch
/// break or a night. Days are judged on the wall clock of the configured time zone, whatever the offset of the
/// instants passed in; results carry that zone's offset.
/// </remarks>
public sealed class WorkingCalendar
{
    readonly WorkingCalendarOptions options;
    readonly TimeZoneInfo zone;
    readonly HashSet<DateOnly> holidays;
    readonly HashSet<DateOnly> makeUpDays;
    readonly (TimeSpan Start, TimeSpan End)[] periods;

    /// <summary>Creates a calendar from validated options; throws <see cref="ArgumentException"/> when they are not usable.</summary>
    public WorkingCalendar(WorkingCalendarOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = WorkingCalendarOptionsValidator.Problems(options).ToList();
        if (problems.Count > 0) throw new ArgumentException(string.Join(" ", problems), nameof(options));
        this.options = options;
        WorkingCalendarOptionsValidator.TryFindZone(options.TimeZone, out zone);
        holidays = [.. options.EffectiveHolidays];
        makeUpDays = [.. options.EffectiveMakeUpWorkingDays];
        periods =
        [
            (options.MorningStart.ToTimeSpan(), options.MorningEnd.ToTimeSpan()),
            (options.AfternoonStart.ToTimeSpan(), options.AfternoonEnd.ToTimeSpan()),
        ];
        WorkingDayLength = periods.Aggregate(TimeSpan.Zero, (sum, p) => sum + (p.End - p.Start));
    }

    /// <summary>Creates a calendar from the bound options.</summary>
    public WorkingCalendar(IOptions<WorkingCalendarOptions> options) : this(options.Value) { }

    /// <summary>The zone whose wall clock defines days and hours.</summary>
    public TimeZoneInfo TimeZone => zone;

    /// <summary>Working time in one working day (8 hours by default).</summary>
    public TimeSpan WorkingDayLength { get; }

    /// <summary>True for a weekday that is not a holiday, and for a make-up working day.</summary>
    public bool IsWorkingDay(DateOnly date) =>
        makeUpDays.Contains(date)
        || (date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !holidays.Contains(date));

    /// <summary>The local calendar date of an instant.</summary>
    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(ToLocal(instant));

    /// <summary>
    /// The instant from which a limit counts for something received at <paramref name="receivedAt"/>: the receipt
    /// itself during working hours up to the afternoon cut-off (inclusive), the next start of working hours when
    /// received before opening or over lunch, and the start of the next working day when received after the
    /// cut-off or on a day off.
    /// </summary>
    public DateTimeOffset CountFrom(DateTimeOffset receivedAt)
    {
        var local = ToLocal(receivedAt);
        var date = DateOnly.FromDateTime(local);
        if (IsWorkingDay(date) && local.TimeOfDay <= options.AfternoonCutOff.ToTimeSpan())
        {
            foreach (var (start, end) in periods)
            {
                if (local.TimeOfDay < start) return FromLocal(local.Date + start);
                if (local.TimeOfDay < end) return receivedAt.ToOffset(FromLocal(local).Offset);
            }
        }
        return FromLocal(NextWorkingDay(date).ToDateTime(TimeOnly.MinValue) + periods[0].Start);
    }

    /// <summary>
    /// The instant reached after <paramref name="days"/> working days of working time from <paramref name="start"/>
    /// (fractions allowed: 0.5 = half the working hours). Time outside working hours is skipped; a result that
    /// falls exactly on the end of a working period stays there (a one-day limit from 07:30 ends at 17:00 the same
    /// day). Zero days returns <paramref name="start"/> unchanged. The cut-off is not applied here: pass the result
    /// of <see cref="CountFrom"/> for a receipt.
    /// </summary>
    public DateTimeOffset AddWorkingDays(DateTimeOffset start, decimal days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var remaining = TimeSpan.FromTicks((long)Math.Round(days * WorkingDayLength.Ticks, MidpointRounding.AwayFromZero));
        if (remaining == TimeSpan.Zero) return start;

        var cursor = ToLocal(start);
        while (true)
        {
            var date = DateOnly.FromDateTime(cursor);
            if (IsWorkingDay(date))
            {
                foreach (var (startOfPeriod, endOfPeriod) in periods)
                {
                    var periodStart = cursor.Date + startOfPeriod;
                    var periodEnd = cursor.Date + endOfPeriod;
                    if (cursor >= periodEnd) continue;
                    if (cursor < periodStart) cursor = periodStart;
                    var available = periodEnd - cursor;
                    if (remaining <= available) return FromLocal(cursor + remaining);
                    remaining -= available;
                    cursor = periodEnd;
                }
            }
            cursor = cursor.Date.AddDays(1);
        }
    }

    /// <summary>
    /// Working time between two instants, in working days (fractional); negative when <paramref name="to"/> is
    /// before <paramref name="from"/>.
    /// </summary>
    public decimal WorkingDaysBetween(DateTimeOffset from, DateTimeOffset to)
    {
        if (to < from) return -WorkingDaysBetween(to, from);
        var a = ToLocal(from);
        var b = ToLocal(to);
        long ticks = 0;
        for (var day = a.Date; day <= b.Date; day = day.AddDays(1))
        {
            if (!IsWorkingDay(DateOnly.FromDateTime(day))) continue;
            foreach (var (start, end) in periods)
            {
                var overlapStart = Max(a, day + start);
                var overlapEnd = Min(b, day + end);
                if (overlapEnd > overlapStart) ticks += (overlapEnd - overlapStart).Ticks;
            }
        }
        return (decimal)ticks / WorkingDayLength.Ticks;
    }

    /// <summary>The first working day strictly after <paramref name="date"/>.</summary>
    public DateOnly NextWorkingDay(DateOnly date)
    {
        var next = date.AddDays(1);
        while (!IsWorkingDay(next)) next = next.AddDays(1);
        return next;
    }

    DateTime ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, zone).DateTime;

    DateTimeOffset FromLocal(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, zone.GetUtcOffset(unspecified));
    }

    static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;
    static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
}
