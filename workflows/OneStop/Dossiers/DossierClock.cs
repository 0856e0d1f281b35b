using PublicServices.OneStop.Calendar;

namespace PublicServices.OneStop.Dossiers;

/// <summary>
/// The statutory clock of one dossier: when its limit counts from, when it is due, whether a supplement request
/// has stopped it, and whether the one apology letter has been used. Immutable: every change returns a new clock,
/// so it can be stored as a workflow variable and replayed.
/// </summary>
/// <param name="ReceivedAt">The receipt the current count starts from: the dossier, or the supplement that completed it.</param>
/// <param name="StatutoryDays">The procedure's limit in working days.</param>
/// <param name="CountsFrom">Where counting starts (<see cref="WorkingCalendar.CountFrom"/> of <paramref name="ReceivedAt"/>).</param>
/// <param name="StatutoryDueAt">The due date from the statutory limit alone.</param>
/// <param name="DueAt">The due date in force: the statutory one, or the date promised in the apology letter.</param>
/// <param name="PausedAt">When a supplement request stopped the clock; null while it runs.</param>
/// <param name="ApologyIssuedAt">When the apology letter moved the due date; null while the right is unused.</param>
public sealed record DossierClock(
    DateTimeOffset ReceivedAt,
    decimal StatutoryDays,
    DateTimeOffset CountsFrom,
    DateTimeOffset StatutoryDueAt,
    DateTimeOffset DueAt,
    DateTimeOffset? PausedAt = null,
    DateTimeOffset? ApologyIssuedAt = null)
{
    /// <summary>True while a supplement request waits for the applicant.</summary>
    public bool IsPaused => PausedAt is not null;

    /// <summary>Starts the clock for a dossier received at <paramref name="receivedAt"/>.</summary>
    public static DossierClock Start(WorkingCalendar calendar, DateTimeOffset receivedAt, decimal statutoryDays)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentOutOfRangeException.ThrowIfNegative(statutoryDays);
        var from = calendar.CountFrom(receivedAt);
        var due = calendar.AddWorkingDays(from, statutoryDays);
        return new DossierClock(receivedAt, statutoryDays, from, due, due);
    }

    /// <summary>A supplement was requested: the clock stops until the dossier is complete again.</summary>
    /// <exception cref="InvalidOperationException">The clock is already stopped.</exception>
    public DossierClock PauseForSupplement(DateTimeOffset requestedAt) =>
        IsPaused ? throw new InvalidOperationException("The clock is already stopped by a supplement request.")
            : this with { PausedAt = requestedAt };

    /// <summary>
    /// The supplement made the dossier complete again: the full statutory time counts again from the supplement's
    /// receipt (with the same cut-off rule as a first receipt). The apology right is per dossier and is not renewed.
    /// </summary>
    /// <exception cref="InvalidOperationException">The clock is not stopped by a supplement request.</exception>
    public DossierClock RestartAfterSupplement(WorkingCalendar calendar, DateTimeOffset supplementReceivedAt)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (!IsPaused) throw new InvalidOperationException("The clock is running: no supplement was requested.");
        var restarted = Start(calendar, supplementReceivedAt, StatutoryDays);
        return restarted with { ApologyIssuedAt = ApologyIssuedAt };
    }

    /// <summary>
    /// An apology letter issued at <paramref name="issuedAt"/> promises <paramref name="newDueAt"/>. Accepted once per
    /// dossier, only for a later date, only while the clock runs, and only when issued at least one working day
    /// before the current due date.
    /// </summary>
    public ApologyDecision Apologize(WorkingCalendar calendar, DateTimeOffset issuedAt, DateTimeOffset newDueAt)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ApologyRefusal? refusal =
            ApologyIssuedAt is not null ? ApologyRefusal.AlreadyMoved
            : IsPaused ? ApologyRefusal.ClockPaused
            : newDueAt <= DueAt ? ApologyRefusal.NotLater
            : calendar.WorkingDaysBetween(issuedAt, DueAt) < 1 ? ApologyRefusal.TooLate
            : null;
        return refusal is { } r
            ? new ApologyDecision(this, r)
            : new ApologyDecision(this with { DueAt = newDueAt, ApologyIssuedAt = issuedAt }, null);
    }

    /// <summary>True when the clock runs and <paramref name="now"/> is past the due date in force.</summary>
    public bool IsOverdue(DateTimeOffset now) => !IsPaused && now > DueAt;

    /// <summary>Working days left until the due date in force (negative when overdue); frozen while stopped.</summary>
    public decimal RemainingWorkingDays(WorkingCalendar calendar, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return calendar.WorkingDaysBetween(PausedAt ?? now, DueAt);
    }
}

/// <summary>Why an apology letter cannot move the due date (the resource key of its text is <c>Apology.&lt;name&gt;</c>).</summary>
public enum ApologyRefusal
{
    /// <summary>The due date was already moved once by an apology letter.</summary>
    AlreadyMoved,
    /// <summary>The clock is stopped by a supplement request; nothing can be late.</summary>
    ClockPaused,
    /// <summary>The promised date is not later than the current due date.</summary>
    NotLater,
    /// <summary>The letter comes less than one working day before the current due date.</summary>
    TooLate,
}

/// <summary>The outcome of <see cref="DossierClock.Apologize"/>: the clock after it, and the refusal if any.</summary>
public sealed record ApologyDecision(DossierClock Clock, ApologyRefusal? Refusal)
{
    /// <summary>True when the due date moved.</summary>
    public bool Accepted => Refusal is null;
}
