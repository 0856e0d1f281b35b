namespace PublicServices.Web.Domain;

/// <summary>How urgent a deadline is, for the officer's inbox: words and a colour (never the colour alone).</summary>
public enum Urgency { Comfortable, Soon, Today, Late }

/// <summary>
/// The time left before a deadline in whole calendar days, Vietnam time. The statutory count in working days is the
/// workflow's (it sets the due date); the inbox only says how near that date is.
/// </summary>
public readonly record struct TimeLeft(int Days, Urgency Urgency)
{
    public static TimeLeft Until(DateTimeOffset due, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.ToOffset(Display.VietnamOffset).DateTime);
        var dueDay = DateOnly.FromDateTime(due.ToOffset(Display.VietnamOffset).DateTime);
        var days = dueDay.DayNumber - today.DayNumber;
        var urgency = due < now ? Urgency.Late : days == 0 ? Urgency.Today : days <= 2 ? Urgency.Soon : Urgency.Comfortable;
        return new TimeLeft(days, urgency);
    }

    /// <summary>The resource key of the words, taking <see cref="Count"/> as its argument.</summary>
    public string Key => Urgency switch
    {
        Urgency.Late => "TimeLeft.Late",
        Urgency.Today => "TimeLeft.Today",
        _ => "TimeLeft.Days",
    };

    public int Count => Urgency == Urgency.Late ? Math.Max(1, -Days) : Days;

    public string CssClass => Urgency switch
    {
        Urgency.Late => "tag tag--late",
        Urgency.Today or Urgency.Soon => "tag tag--warn",
        _ => "tag tag--ok",
    };
}
