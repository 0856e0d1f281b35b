using PublicServices.OneStop.Calendar;

namespace PublicServices.OneStop.Tests.Calendar;

/// <summary>Builders for calendar tests: wall-clock instants in Vietnam (UTC+7) and calendars.</summary>
static class CalendarTime
{
    public static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    public static DateTimeOffset Local(int year, int month, int day, int hour = 0, int minute = 0) =>
        new(year, month, day, hour, minute, 0, Vietnam);

    public static WorkingCalendar Default() => new(new WorkingCalendarOptions());

    public static WorkingCalendar With(Action<WorkingCalendarOptions> configure)
    {
        var options = new WorkingCalendarOptions();
        configure(options);
        return new WorkingCalendar(options);
    }
}
