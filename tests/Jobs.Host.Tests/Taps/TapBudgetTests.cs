using System.Diagnostics;
using StreamJobs.Host.Taps;

namespace StreamJobs.Host.Tests.Taps;

/// <summary>The per-tap CPU budget: an overrun is a debt, not forgiven at the next second.</summary>
public sealed class TapBudgetTests
{
    [Fact]
    public void An_overrun_is_paid_from_the_following_seconds()
    {
        var budget = new TapBudget(TimeSpan.FromMilliseconds(50));
        var started = Stopwatch.StartNew();
        budget.Begin();
        Spin(TimeSpan.FromMilliseconds(250)); // one long match: five seconds' allowance
        budget.End();

        var rest = TimeSpan.FromSeconds(1.1) - started.Elapsed;
        if (rest > TimeSpan.Zero) Thread.Sleep(rest);
        budget.Begin();
        Assert.True(budget.IsSpent(), "a second later the overrun still exceeds the allowance");
        budget.End();
    }

    private static void Spin(TimeSpan cpu)
    {
        var start = ThreadCpuClock.NowNanoseconds();
        while (ThreadCpuClock.NowNanoseconds() - start < cpu.Ticks * 100) Thread.SpinWait(1000);
    }
}
