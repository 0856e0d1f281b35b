using PublicServices.Identity.Domain;

namespace PublicServices.Identity.Tests;

public class LoginDelayTests
{
    static readonly TimeSpan Cap = TimeSpan.FromMinutes(15);

    [Theory]
    [InlineData(0, 0)]
    [InlineData(2, 0)]
    [InlineData(3, 1)]
    [InlineData(4, 2)]
    [InlineData(5, 4)]
    [InlineData(12, 512)]
    public void The_first_free_failures_cost_nothing_then_the_wait_doubles_from_one_second(int failures, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), LoginDelay.After(failures, free: 3, Cap));

    [Theory]
    [InlineData(13)]
    [InlineData(40)]
    [InlineData(int.MaxValue)]
    public void The_wait_stops_growing_at_the_cap(int failures) =>
        Assert.Equal(Cap, LoginDelay.After(failures, free: 3, Cap));

    [Fact]
    public void A_wait_is_told_in_whole_seconds_rounded_up()
    {
        Assert.Equal(1, LoginDelay.Seconds(TimeSpan.FromMilliseconds(10)));
        Assert.Equal(2, LoginDelay.Seconds(TimeSpan.FromMilliseconds(1001)));
        Assert.Equal(900, LoginDelay.Seconds(Cap));
    }
}
