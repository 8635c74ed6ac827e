using StreamJobs.Streams;

namespace StreamJobs.Tests.Support;

public static class StageProgress
{
    /// <summary>Waits until <paramref name="stage"/> of <paramref name="graph"/> has taken <paramref name="count"/> records, so a test moves the clock only after they were handled.</summary>
    public static async Task TakenAsync(Materializer materializer, string graph, string stage, long count)
    {
        var taken = await Eventually.HoldsAsync(() => materializer.Settings.Metrics.ForJob(graph).Any(s => s.Stage == stage && s.In >= count));
        Assert.True(taken, $"{graph}/{stage} did not take {count} records in time");
    }
}
