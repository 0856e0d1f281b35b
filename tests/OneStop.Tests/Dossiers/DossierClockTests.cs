using PublicServices.OneStop.Calendar;
using PublicServices.OneStop.Dossiers;
using PublicServices.OneStop.Tests.Support;
using static PublicServices.OneStop.Tests.Calendar.CalendarTime;

namespace PublicServices.OneStop.Tests.Dossiers;

public class DossierClockTests
{
    readonly WorkingCalendar calendar = Default();

    [Fact]
    public void The_statutory_due_date_counts_working_days_from_the_receipt()
    {
        var clock = DossierClock.Start(calendar, Local(2026, 3, 5, 10, 0), 5); // Thursday
        Assert.Equal(Local(2026, 3, 12, 10, 0), clock.StatutoryDueAt);
        Assert.Equal(clock.StatutoryDueAt, clock.DueAt);
        Assert.False(clock.IsPaused);
    }

    [Fact]
    public void A_dossier_received_after_the_cut_off_gets_its_days_from_the_next_morning()
    {
        var clock = DossierClock.Start(calendar, Local(2026, 3, 5, 16, 0), 5);
        Assert.Equal(Local(2026, 3, 6, 7, 30), clock.CountsFrom);
        Assert.Equal(Local(2026, 3, 12, 17, 0), clock.DueAt);
    }

    [Fact]
    public void A_dossier_received_before_Tet_is_due_after_it()
    {
        var clock = DossierClock.Start(calendar, Local(2026, 2, 12, 9, 0), 3);
        Assert.Equal(Local(2026, 2, 24, 9, 0), clock.DueAt);
    }

    [Fact]
    public void A_half_day_procedure_is_due_four_working_hours_later()
    {
        var clock = DossierClock.Start(calendar, Local(2026, 3, 9, 10, 0), 0.5m);
        Assert.Equal(Local(2026, 3, 9, 15, 30), clock.DueAt);
    }

    [Fact]
    public void A_supplement_request_stops_the_clock_and_the_supplement_restarts_the_full_statutory_time()
    {
        var clock = DossierClock.Start(calendar, Local(2026, 3, 2, 9, 0), 10);
        Assert.Equal(Local(2026, 3, 16, 9, 0), clock.DueAt);

        var paused = clock.PauseForSupplement(Local(2026, 3, 4, 10, 0));
        Assert.False(paused.IsOverdue(Local(2026, 3, 18, 9, 0)));    // past the old date, but the applicant holds the file
        Assert.Equal(calendar.WorkingDaysBetween(Local(2026, 3, 4, 10, 0), clock.DueAt),
            paused.RemainingWorkingDays(calendar, Local(2026, 3, 18, 9, 0)));

        var restarted = paused.RestartAfterSupplement(calendar, Local(2026, 3, 19, 10, 0));
        Assert.False(restarted.IsPaused);
        Assert.Equal(Local(2026, 3, 19, 10, 0), restarted.ReceivedAt);
        Assert.Equal(Local(2026, 4, 2, 10, 0), restarted.DueAt);     // ten full working days again
        Assert.Equal(restarted.DueAt, restarted.StatutoryDueAt);
    }

    [Fact]
    public void A_supplement_received_after_the_cut_off_restarts_from_the_next_working_morning()
    {
        var paused = DossierClock.Start(calendar, Local(2026, 3, 2, 9, 0), 1).PauseForSupplement(Local(2026, 3, 2, 14, 0));
        var restarted = paused.RestartAfterSupplement(calendar, Local(2026, 3, 6, 16, 30)); // Friday after the cut-off
        Assert.Equal(Local(2026, 3, 9, 7, 30), restarted.CountsFrom);
        Assert.Equal(Local(2026, 3, 9, 17, 0), restarted.DueAt);
    }

    [Fact]
    public void Pausing_twice_or_restarting_a_running_clock_is_a_programming_error()
    {
        var clock = DossierClock.Start(calendar, Local(2026, 3, 2, 9, 0), 5);
        Assert.Throws<InvalidOperationException>(() => clock.RestartAfterSupplement(calendar, Local(2026, 3, 3, 9, 0)));
        var paused = clock.PauseForSupplement(Local(2026, 3, 3, 9, 0));
        Assert.Throws<InvalidOperationException>(() => paused.PauseForSupplement(Local(2026, 3, 4, 9, 0)));
    }

    [Fact]
    public void An_apology_moves_the_due_date_to_a_later_date_and_keeps_the_statutory_one()
    {
        var clock = DossierClock.Start(calendar, Local(2026, 3, 2, 9, 0), 5);          // due Mon 9 Mar 09:00
        var decision = clock.Apologize(calendar, Local(2026, 3, 5, 9, 0), Local(2026, 3, 13, 17, 0));

        Assert.True(decision.Accepted);
        Assert.Null(decision.Refusal);
        Assert.Equal(Local(2026, 3, 13, 17, 0), decision.Clock.DueAt);
        Assert.Equal(Local(2026, 3, 9, 9, 0), decision.Clock.StatutoryDueAt);
        Assert.Equal(Local(2026, 3, 5, 9, 0), decision.Clock.ApologyIssuedAt);
    }

    [Fact]
    public void An_apology_issued_exactly_one_working_day_before_the_due_date_is_in_time()
    {
        var clock = DossierClock.Start(calendar, Local(2026, 3, 2, 9, 0), 5);          // due Mon 9 Mar 09:00
        var decision = clock.Apologize(calendar, Local(2026, 3, 6, 9, 0), Local(2026, 3, 11, 9, 0));
        Assert.True(decision.Accepted);
    }

    [Fact]
    public void An_apology_less_than_one_working_day_before_the_due_date_is_refused_as_too_late()
    {
        var clock = DossierClock.Start(calendar, Local(2026, 3, 2, 9, 0), 5);          // due Mon 9 Mar 09:00
        // Friday 10:00 to Monday 09:00 is 7 working hours: the weekend does not count.
        var decision = clock.Apologize(calendar, Local(2026, 3, 6, 10, 0), Local(2026, 3, 11, 9, 0));

        Assert.False(decision.Accepted);
        Assert.Equal(ApologyRefusal.TooLate, decision.Refusal);
        Assert.Same(clock, decision.Clock);
        // The refusal's text, in the resources under Apology.<refusal>.
        Assert.Contains("một ngày làm việc", OneStopTexts.Vietnamese($"Apology.{decision.Refusal}"), StringComparison.Ordinal);
        Assert.Contains("one working day", OneStopTexts.English($"Apology.{decision.Refusal}"), StringComparison.Ordinal);
    }

    [Fact]
    public void An_apology_after_the_due_date_is_refused_as_too_late()
    {
        var clock = DossierClock.Start(calendar, Local(2026, 3, 2, 9, 0), 5);
        var decision = clock.Apologize(calendar, Local(2026, 3, 10, 9, 0), Local(2026, 3, 20, 9, 0));
        Assert.Equal(ApologyRefusal.TooLate, decision.Refusal);
    }

    [Fact]
    public void A_second_apology_is_refused()
    {
        var clock = DossierClock.Start(calendar, Local(2026, 3, 2, 9, 0), 5);
        var first = clock.Apologize(calendar, Local(2026, 3, 3, 9, 0), Local(2026, 3, 13, 9, 0)).Clock;
        var second = first.Apologize(calendar, Local(2026, 3, 4, 9, 0), Local(2026, 3, 20, 9, 0));

        Assert.Equal(ApologyRefusal.AlreadyMoved, second.Refusal);
        Assert.Equal(Local(2026, 3, 13, 9, 0), second.Clock.DueAt);
    }

    [Fact]
    public void An_apology_must_promise_a_later_date()
    {
        var clock = DossierClock.Start(calendar, Local(2026, 3, 2, 9, 0), 5);
        Assert.Equal(ApologyRefusal.NotLater, clock.Apologize(calendar, Local(2026, 3, 3, 9, 0), clock.DueAt).Refusal);
        Assert.Equal(ApologyRefusal.NotLater, clock.Apologize(calendar, Local(2026, 3, 3, 9, 0), Local(2026, 3, 6, 9, 0)).Refusal);
    }

    [Fact]
    public void No_apology_while_the_clock_is_stopped_and_no_new_right_after_a_restart()
    {
        var clock = DossierClock.Start(calendar, Local(2026, 3, 2, 9, 0), 5);
        var used = clock.Apologize(calendar, Local(2026, 3, 3, 9, 0), Local(2026, 3, 13, 9, 0)).Clock;
        var paused = used.PauseForSupplement(Local(2026, 3, 4, 9, 0));
        Assert.Equal(ApologyRefusal.AlreadyMoved, paused.Apologize(calendar, Local(2026, 3, 4, 10, 0), Local(2026, 3, 30, 9, 0)).Refusal);

        var fresh = clock.PauseForSupplement(Local(2026, 3, 4, 9, 0));
        Assert.Equal(ApologyRefusal.ClockPaused, fresh.Apologize(calendar, Local(2026, 3, 4, 10, 0), Local(2026, 3, 30, 9, 0)).Refusal);

        var restarted = paused.RestartAfterSupplement(calendar, Local(2026, 3, 10, 9, 0));
        Assert.Equal(ApologyRefusal.AlreadyMoved, restarted.Apologize(calendar, Local(2026, 3, 10, 10, 0), Local(2026, 3, 30, 9, 0)).Refusal);
    }

    [Fact]
    public void A_dossier_is_overdue_only_after_the_due_date_in_force()
    {
        var clock = DossierClock.Start(calendar, Local(2026, 3, 2, 9, 0), 5);          // due Mon 9 Mar 09:00
        Assert.False(clock.IsOverdue(Local(2026, 3, 9, 9, 0)));
        Assert.True(clock.IsOverdue(Local(2026, 3, 9, 9, 1)));
        Assert.Equal(-0.5m, clock.RemainingWorkingDays(calendar, Local(2026, 3, 9, 14, 30)));

        var moved = clock.Apologize(calendar, Local(2026, 3, 5, 9, 0), Local(2026, 3, 13, 17, 0)).Clock;
        Assert.False(moved.IsOverdue(Local(2026, 3, 12, 9, 0)));
        Assert.True(moved.IsOverdue(Local(2026, 3, 13, 17, 1)));
    }
}
