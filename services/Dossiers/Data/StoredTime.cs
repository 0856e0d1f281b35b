namespace PublicServices.Dossiers.Data;

public static class StoredTime
{
    /// <summary>Now, at microsecond precision (what PostgreSQL keeps), so an answer read back equals the one first given.</summary>
    public static DateTimeOffset StoredNow(this TimeProvider clock)
    {
        var t = clock.GetUtcNow().UtcTicks;
        return new DateTimeOffset(t - t % 10, TimeSpan.Zero);
    }
}
