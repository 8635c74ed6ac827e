namespace StreamJobs.TestKit.Tests;

public sealed class AllocationsTests
{
    [Fact]
    public void A_loop_that_allocates_nothing_is_measured_once_warm()
    {
        var values = new long[256];
        long sum = 0;
        void Loop()
        {
            foreach (var value in values) sum += value;
        }

        Loop();
        var allocated = Allocations.UntilQuiet(Loop);

        Assert.Equal(0, allocated[^1]);
        Assert.Equal(0, sum);
    }

    [Fact]
    public void A_loop_that_allocates_per_record_shows_it_in_every_attempt()
    {
        var kept = new List<object>();
        var allocated = Allocations.UntilQuiet(() =>
        {
            for (var i = 0; i < 100; i++) kept.Add(new object());
        }, attempts: 3);

        Assert.Equal(3, allocated.Count);
        Assert.All(allocated, bytes => Assert.True(bytes >= 100 * 24, $"{bytes} bytes"));
    }
}
