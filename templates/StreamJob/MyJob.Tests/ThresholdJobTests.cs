using StreamJobs.TestKit;

namespace MyJob.Tests;

public sealed class ThresholdJobTests
{
    [Fact]
    public async Task Only_readings_at_or_above_the_threshold_come_out()
    {
        await using var harness = new JobHarness(new ThresholdJob(), new ThresholdParameters { Threshold = 10 });
        var output = harness.Output<Reading>("high-readings");
        await harness.StartAsync();
        var now = harness.Time.GetUtcNow();
        await harness.SendAsync("readings", new Reading("a", now, 5), new Reading("b", now, 10), new Reading("c", now, 50));
        await harness.CompleteAsync();
        Assert.Equal(["b", "c"], (await output.WaitForAsync(2)).Select(r => r.Source));
    }
}
