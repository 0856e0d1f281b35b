using PublicServices.Documents.Domain.Uploads;

namespace PublicServices.Documents.Tests.Unit;

/// <summary>The embedded mode's per-user upload slots (PostgreSQL's are tested in UserUploadLimitsTests).</summary>
public sealed class LocalUploadSlotsTests
{
    [Fact]
    public async Task A_user_gets_as_many_slots_as_the_limit_and_one_more_once_a_slot_is_given_back()
    {
        var slots = new LocalUploadSlots();
        var first = slots.Take("a", 2);
        var second = slots.Take("a", 2);

        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.Null(slots.Take("a", 2));
        Assert.NotNull(slots.Take("b", 2));
        await first!.DisposeAsync();
        Assert.NotNull(slots.Take("a", 2));
        Assert.Null(slots.Take("a", 2));
    }
}
