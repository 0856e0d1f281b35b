namespace PublicServices.Identity.Domain;

/// <summary>
/// How long after its last failure a counted key waits before the next password check: nothing for the first
/// <c>free</c> failures, then 1 second, doubling with each further failure, up to <c>max</c>. A delay, never a lockout:
/// whoever causes the failures can only make the next check wait, never refuse it for good.
/// </summary>
public static class LoginDelay
{
    public static TimeSpan After(int failures, int free, TimeSpan max)
    {
        if (failures < free)
            return TimeSpan.Zero;
        var doublings = failures - free;
        return doublings >= 30 ? max : TimeSpan.FromSeconds(Math.Min(max.TotalSeconds, 1L << doublings));
    }

    /// <summary>A wait in whole seconds, rounded up (Retry-After, the message).</summary>
    public static int Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
}
