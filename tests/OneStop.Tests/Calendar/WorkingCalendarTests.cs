using System.Globalization;
using Microsoft.Extensions.Configuration;
using PublicServices.OneStop.Calendar;
using static PublicServices.OneStop.Tests.Calendar.CalendarTime;

namespace PublicServices.OneStop.Tests.Calendar;

public class WorkingCalendarTests
{
    readonly WorkingCalendar calendar = Default();

    [Theory]
    [InlineData("2026-03-07", false)] // Saturday
    [InlineData("2026-03-08", false)] // Sunday
    [InlineData("2026-03-09", true)]  // Monday
    [InlineData("2026-03-13", true)]  // Friday
    public void Weekends_are_not_working_days(string date, bool expected) =>
        Assert.Equal(expected, calendar.IsWorkingDay(DateOnly.Parse(date, CultureInfo.InvariantCulture)));

    [Fact]
    public void Tet_Binh_Ngo_closes_the_desks_from_16_to_20_February_2026()
    {
        for (var d = new DateOnly(2026, 2, 14); d <= new DateOnly(2026, 2, 22); d = d.AddDays(1))
            Assert.False(calendar.IsWorkingDay(d), $"{d} should be off");
        Assert.True(calendar.IsWorkingDay(new DateOnly(2026, 2, 13)));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2026, 2, 23)));
    }

    [Theory]
    [InlineData("2026-01-01")] [InlineData("2026-01-02")] [InlineData("2026-04-27")] [InlineData("2026-04-30")]
    [InlineData("2026-05-01")] [InlineData("2026-09-02")] [InlineData("2027-02-08")] [InlineData("2027-05-03")]
    public void Public_holidays_and_days_in_lieu_are_not_working_days(string date) =>
        Assert.False(calendar.IsWorkingDay(DateOnly.Parse(date, CultureInfo.InvariantCulture)));

    [Fact]
    public void The_make_up_Saturday_is_a_working_day_and_other_Saturdays_are_not()
    {
        Assert.True(calendar.IsWorkingDay(new DateOnly(2026, 1, 10)));
        Assert.False(calendar.IsWorkingDay(new DateOnly(2026, 1, 17)));
    }

    [Fact]
    public void Configured_days_add_to_the_built_in_list_and_the_built_in_list_can_be_switched_off()
    {
        var custom = With(o => { o.Holidays.Add(new DateOnly(2026, 3, 11)); o.MakeUpWorkingDays.Add(new DateOnly(2026, 3, 14)); });
        Assert.False(custom.IsWorkingDay(new DateOnly(2026, 3, 11)));
        Assert.True(custom.IsWorkingDay(new DateOnly(2026, 3, 14)));
        Assert.False(custom.IsWorkingDay(new DateOnly(2026, 2, 17)));

        var plain = With(o => o.IncludeVietnamHolidays = false);
        Assert.True(plain.IsWorkingDay(new DateOnly(2026, 2, 17)));
        Assert.False(plain.IsWorkingDay(new DateOnly(2026, 1, 10)));
    }

    [Fact]
    public void Options_bind_from_the_Workflow_Calendar_section()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Workflow:Calendar:Holidays:0"] = "2026-03-11",
            ["Workflow:Calendar:MakeUpWorkingDays:0"] = "2026-03-14",
            ["Workflow:Calendar:AfternoonCutOff"] = "16:00",
            ["Workflow:Calendar:MorningStart"] = "08:00",
        }).Build();
        var options = configuration.GetSection(WorkingCalendarOptions.SectionName).Get<WorkingCalendarOptions>()!;
        var bound = new WorkingCalendar(options);

        Assert.False(bound.IsWorkingDay(new DateOnly(2026, 3, 11)));
        Assert.True(bound.IsWorkingDay(new DateOnly(2026, 3, 14)));
        Assert.False(bound.IsWorkingDay(new DateOnly(2026, 2, 17))); // built-in days kept
        Assert.Equal(Local(2026, 3, 9, 15, 30), bound.CountFrom(Local(2026, 3, 9, 15, 30)));
        Assert.Equal(Local(2026, 3, 9, 8, 0), bound.CountFrom(Local(2026, 3, 9, 7, 45)));
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons", "07:30", "15:00")]
    [InlineData("Asia/Ho_Chi_Minh", "12:00", "15:00")] // morning ends before it starts
    [InlineData("Asia/Ho_Chi_Minh", "07:30", "18:00")] // cut-off after closing
    public void Unusable_options_are_refused(string zone, string morningStart, string cutOff)
    {
        var options = new WorkingCalendarOptions
        {
            TimeZone = zone, MorningStart = TimeOnly.Parse(morningStart, CultureInfo.InvariantCulture), AfternoonCutOff = TimeOnly.Parse(cutOff, CultureInfo.InvariantCulture),
        };
        Assert.True(new WorkingCalendarOptionsValidator().Validate(null, options).Failed);
        Assert.Throws<ArgumentException>(() => new WorkingCalendar(options));
    }

    [Fact]
    public void A_day_both_holiday_and_make_up_day_is_refused()
    {
        var options = new WorkingCalendarOptions();
        options.Holidays.Add(new DateOnly(2026, 1, 10));
        var result = new WorkingCalendarOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        Assert.Contains("2026-01-10", result.FailureMessage, StringComparison.Ordinal);
    }

    // CountFrom: the afternoon cut-off and opening hours.

    [Fact]
    public void Received_before_the_cut_off_counts_from_the_receipt() =>
        Assert.Equal(Local(2026, 3, 9, 14, 59), calendar.CountFrom(Local(2026, 3, 9, 14, 59)));

    [Fact]
    public void Received_exactly_at_the_cut_off_still_counts_the_same_day() =>
        Assert.Equal(Local(2026, 3, 9, 15, 0), calendar.CountFrom(Local(2026, 3, 9, 15, 0)));

    [Fact]
    public void Received_after_the_cut_off_counts_from_the_next_working_morning()
    {
        Assert.Equal(Local(2026, 3, 10, 7, 30), calendar.CountFrom(Local(2026, 3, 9, 15, 1)));
        Assert.Equal(Local(2026, 3, 10, 7, 30), calendar.CountFrom(Local(2026, 3, 9, 22, 0)));
    }

    [Fact]
    public void Received_on_Friday_after_the_cut_off_counts_from_Monday() =>
        Assert.Equal(Local(2026, 3, 16, 7, 30), calendar.CountFrom(Local(2026, 3, 13, 16, 0)));

    [Fact]
    public void Received_after_the_cut_off_before_Tet_counts_from_the_first_day_after_Tet() =>
        Assert.Equal(Local(2026, 2, 23, 7, 30), calendar.CountFrom(Local(2026, 2, 13, 15, 30)));

    [Fact]
    public void Received_before_opening_or_over_lunch_counts_from_the_next_opening()
    {
        Assert.Equal(Local(2026, 3, 9, 7, 30), calendar.CountFrom(Local(2026, 3, 9, 5, 0)));
        Assert.Equal(Local(2026, 3, 9, 13, 0), calendar.CountFrom(Local(2026, 3, 9, 12, 0)));
        Assert.Equal(Local(2026, 3, 9, 13, 0), calendar.CountFrom(Local(2026, 3, 9, 11, 30)));
    }

    [Fact]
    public void Received_on_a_weekend_counts_from_Monday_morning() =>
        Assert.Equal(Local(2026, 3, 9, 7, 30), calendar.CountFrom(Local(2026, 3, 7, 10, 0)));

    [Fact]
    public void Received_on_the_make_up_Saturday_counts_that_day() =>
        Assert.Equal(Local(2026, 1, 10, 9, 0), calendar.CountFrom(Local(2026, 1, 10, 9, 0)));

    // Time zone: days are judged on Vietnam's wall clock, not on UTC.

    [Fact]
    public void Monday_morning_in_Vietnam_is_still_Sunday_in_UTC_and_counts_as_Monday()
    {
        var receivedAt = new DateTimeOffset(2026, 3, 8, 23, 30, 0, TimeSpan.Zero); // Mon 06:30 in Hà Nội
        Assert.Equal(new DateOnly(2026, 3, 9), calendar.LocalDate(receivedAt));
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 0, 30, 0, TimeSpan.Zero), calendar.CountFrom(receivedAt));
    }

    [Fact]
    public void Friday_evening_in_UTC_is_Saturday_in_Vietnam_and_counts_from_Monday()
    {
        var receivedAt = new DateTimeOffset(2026, 3, 13, 17, 30, 0, TimeSpan.Zero); // Sat 00:30 in Hà Nội
        Assert.Equal(DayOfWeek.Saturday, calendar.LocalDate(receivedAt).DayOfWeek);
        Assert.Equal(Local(2026, 3, 16, 7, 30), calendar.CountFrom(receivedAt));
    }

    [Fact]
    public void The_cut_off_applies_to_local_time_whatever_the_caller_offset()
    {
        var utc = new DateTimeOffset(2026, 3, 9, 8, 1, 0, TimeSpan.Zero); // 15:01 in Hà Nội
        Assert.Equal(Local(2026, 3, 10, 7, 30), calendar.CountFrom(utc));
        var result = calendar.AddWorkingDays(utc, 1);
        Assert.Equal(Vietnam, result.Offset);
    }

    [Fact]
    public void Another_time_zone_moves_the_day_boundary()
    {
        var utcCalendar = With(o => o.TimeZone = "UTC");
        var instant = new DateTimeOffset(2026, 3, 13, 17, 30, 0, TimeSpan.Zero); // Friday 17:30 UTC
        Assert.Equal(new DateTimeOffset(2026, 3, 16, 7, 30, 0, TimeSpan.Zero), utcCalendar.CountFrom(instant));
        Assert.Equal(DayOfWeek.Friday, utcCalendar.LocalDate(instant).DayOfWeek);
    }

    // AddWorkingDays: working-hour arithmetic.

    [Fact]
    public void One_working_day_from_Monday_9_00_is_Tuesday_9_00() =>
        Assert.Equal(Local(2026, 3, 10, 9, 0), calendar.AddWorkingDays(Local(2026, 3, 9, 9, 0), 1));

    [Fact]
    public void One_working_day_from_opening_ends_at_closing_the_same_day() =>
        Assert.Equal(Local(2026, 3, 9, 17, 0), calendar.AddWorkingDays(Local(2026, 3, 9, 7, 30), 1));

    [Fact]
    public void One_working_day_from_Friday_skips_the_weekend() =>
        Assert.Equal(Local(2026, 3, 16, 9, 0), calendar.AddWorkingDays(Local(2026, 3, 13, 9, 0), 1));

    [Fact]
    public void Half_a_day_is_four_working_hours_across_lunch_and_across_the_night()
    {
        Assert.Equal(Local(2026, 3, 9, 11, 30), calendar.AddWorkingDays(Local(2026, 3, 9, 7, 30), 0.5m));
        Assert.Equal(Local(2026, 3, 9, 14, 30), calendar.AddWorkingDays(Local(2026, 3, 9, 9, 0), 0.5m));
        Assert.Equal(Local(2026, 3, 10, 9, 30), calendar.AddWorkingDays(Local(2026, 3, 9, 15, 0), 0.5m));
        Assert.Equal(Local(2026, 3, 11, 11, 30), calendar.AddWorkingDays(Local(2026, 3, 9, 7, 30), 2.5m));
    }

    [Fact]
    public void Working_days_skip_Tet() =>
        Assert.Equal(Local(2026, 2, 24, 9, 0), calendar.AddWorkingDays(Local(2026, 2, 12, 9, 0), 3));

    [Fact]
    public void Working_days_use_the_make_up_Saturday_and_skip_the_New_Year_holidays()
    {
        Assert.Equal(Local(2026, 1, 10, 9, 0), calendar.AddWorkingDays(Local(2026, 1, 9, 9, 0), 1));
        Assert.Equal(Local(2026, 1, 5, 9, 0), calendar.AddWorkingDays(Local(2025, 12, 31, 9, 0), 1));
    }

    [Fact]
    public void A_start_outside_working_hours_begins_at_the_next_opening() =>
        Assert.Equal(Local(2026, 3, 9, 11, 30), calendar.AddWorkingDays(Local(2026, 3, 7, 20, 0), 0.5m));

    [Fact]
    public void Zero_days_changes_nothing_and_negative_days_are_refused()
    {
        var start = Local(2026, 3, 7, 20, 0);
        Assert.Equal(start, calendar.AddWorkingDays(start, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => calendar.AddWorkingDays(start, -1));
    }

    // WorkingDaysBetween.

    [Fact]
    public void Working_days_between_count_only_working_hours()
    {
        Assert.Equal(1m, calendar.WorkingDaysBetween(Local(2026, 3, 9, 7, 30), Local(2026, 3, 9, 17, 0)));
        Assert.Equal(0m, calendar.WorkingDaysBetween(Local(2026, 3, 13, 17, 0), Local(2026, 3, 16, 7, 30)));
        Assert.Equal(0m, calendar.WorkingDaysBetween(Local(2026, 3, 9, 11, 30), Local(2026, 3, 9, 13, 0)));
        Assert.Equal(5m, calendar.WorkingDaysBetween(Local(2026, 2, 9, 9, 0), Local(2026, 2, 23, 9, 0))); // across Tết
        Assert.Equal(0.5m, calendar.WorkingDaysBetween(Local(2026, 3, 9, 15, 0), Local(2026, 3, 10, 9, 30)));
    }

    [Fact]
    public void Working_days_between_is_negative_when_the_end_comes_first() =>
        Assert.Equal(-1m, calendar.WorkingDaysBetween(Local(2026, 3, 10, 9, 0), Local(2026, 3, 9, 9, 0)));

    [Theory]
    [InlineData(0.5)] [InlineData(1)] [InlineData(2.25)] [InlineData(7)] [InlineData(20)] [InlineData(45)]
    public void Adding_days_and_measuring_them_agree(double days)
    {
        var d = (decimal)days;
        foreach (var received in new[] { Local(2026, 2, 10, 14, 0), Local(2026, 4, 24, 8, 15), Local(2026, 12, 30, 16, 40) })
        {
            var from = calendar.CountFrom(received);
            var due = calendar.AddWorkingDays(from, d);
            Assert.Equal(d, calendar.WorkingDaysBetween(from, due));
            Assert.True(calendar.IsWorkingDay(calendar.LocalDate(due)));
        }
    }
}
