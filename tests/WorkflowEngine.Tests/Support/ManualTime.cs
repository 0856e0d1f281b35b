namespace PublicServices.WorkflowEngine.Tests.Support;

/// <summary>A clock the test moves by hand (timers and backoff are tested without waiting).</summary>
public sealed class ManualTime(DateTimeOffset start) : TimeProvider
{
    DateTimeOffset now = start;

    /// <summary>Wednesday 25 November 2026, 09:00 in Vietnam: a working day with no holiday near it.</summary>
    public static readonly DateTimeOffset WednesdayMorning = new(2026, 11, 25, 9, 0, 0, TimeSpan.FromHours(7));

    public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();

    public void Advance(TimeSpan by) => now += by;

    public void Set(DateTimeOffset to) => now = to;
}
