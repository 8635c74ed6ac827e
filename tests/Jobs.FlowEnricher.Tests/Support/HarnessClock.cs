using StreamJobs.TestKit;

namespace StreamJobs.FlowEnricher.Tests.Support;

/// <summary>Drives a job's virtual clock until something is observed, since timer ticks run asynchronously.</summary>
internal static class HarnessClock
{
    public static long NowMs(JobHarness harness) => harness.Time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Advances by <paramref name="step"/> at a time (at most <paramref name="limit"/> in total) until <paramref name="done"/> holds.</summary>
    public static async Task AdvanceUntilAsync(JobHarness harness, Func<bool> done, TimeSpan step, TimeSpan limit, string what)
    {
        var moved = TimeSpan.Zero;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!done())
        {
            if (moved > limit || DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"never happened: {what} (virtual time moved {moved})");
            }

            harness.Time.Advance(step);
            moved += step;
            await Task.Delay(2);
        }
    }

    /// <summary>Waits (real time) until the stage named <paramref name="stage"/> has taken <paramref name="count"/> records.</summary>
    public static async Task StageTookAsync(JobHarness harness, string stage, long count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (harness.Metrics.FirstOrDefault(m => m.Stage == stage)?.In < count || !harness.Metrics.Any(m => m.Stage == stage))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"stage '{stage}' never took {count} record(s)");
            }

            await Task.Delay(2);
        }
    }
}
