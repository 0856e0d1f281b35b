namespace PublicServices.OneStop.Calendar;

/// <summary>
/// Days off for state agencies in Vietnam (Labour Code 2019, art. 112, plus the Government's yearly swaps),
/// the default of <see cref="WorkingCalendarOptions"/>. Agencies follow the civil-service calendar, so these are
/// the days a one-stop desk is closed, not merely the statutory holidays of private employers.
/// </summary>
/// <remarks>
/// 2026 follows the published decisions (New Year swap, Tết Bính Ngọ 14–22 Feb). 2027 applies art. 112 with
/// compensatory days and is provisional until the Prime Minister decides; a deployment corrects it through
/// configuration (<c>Workflow:Calendar:IncludeVietnamHolidays=false</c> plus its own lists).
/// </remarks>
public static class VietnamHolidays
{
    /// <summary>Weekdays on which agencies are closed.</summary>
    public static IReadOnlyList<DateOnly> PublicHolidays { get; } =
    [
        // 2026
        new(2026, 1, 1), new(2026, 1, 2),                      // New Year; Fri 2 Jan swapped with Sat 10 Jan
        new(2026, 2, 16), new(2026, 2, 17), new(2026, 2, 18),  // Tết Bính Ngọ: 29 Chạp … mùng 4 (Sat 14 – Sun 22 Feb off)
        new(2026, 2, 19), new(2026, 2, 20),
        new(2026, 4, 27),                                      // Hùng Kings (Sun 26 Apr) → Monday in lieu
        new(2026, 4, 30), new(2026, 5, 1),                     // Reunification Day, Labour Day
        new(2026, 9, 1), new(2026, 9, 2),                      // National Day and the day before it
        // 2027 (provisional)
        new(2027, 1, 1),                                       // New Year
        new(2027, 2, 5), new(2027, 2, 8), new(2027, 2, 9),     // Tết Đinh Mùi (mùng 1 = Sat 6 Feb): 29 Chạp,
        new(2027, 2, 10), new(2027, 2, 11),                    // mùng 3, 4, and two days in lieu of the weekend
        new(2027, 4, 16),                                      // Hùng Kings
        new(2027, 4, 30), new(2027, 5, 3),                     // Reunification Day; Labour Day (Sat) → Monday
        new(2027, 9, 2), new(2027, 9, 3),                      // National Day and the day after it
    ];

    /// <summary>Saturdays worked to make up for a swapped weekday.</summary>
    public static IReadOnlyList<DateOnly> MakeUpWorkingDays { get; } =
    [
        new(2026, 1, 10),                                      // for Fri 2 Jan 2026
    ];
}
