using StreamJobs.Telemetry.Spans;
using StreamJobs.Telemetry.Storage;
using StreamJobs.Telemetry.Synthetic;

namespace StreamJobs.TraceStore.Benchmarks;

/// <summary>Kept traces as the demo makes them: synthetic traffic grouped into traces, spread over a time range.</summary>
internal static class Workload
{
    /// <summary>The traces, in batches, with start times spread evenly over <paramref name="span"/> ending at <paramref name="end"/>.</summary>
    public static List<List<TraceWrite>> Batches(int traces, int batchSize, DateTimeOffset end, TimeSpan span, int seed = 42)
    {
        var generator = new SyntheticTraceGenerator(seed);
        var batches = new List<List<TraceWrite>>();
        var spans = new List<Span>();
        string[] policies = ["errors", "latency", "baseline", "retries", "warnings"];
        for (int made = 0; made < traces; made += batchSize)
        {
            int count = Math.Min(batchSize, traces - made);
            spans.Clear();
            generator.Generate(count, end - span + span * ((double)made / traces), spans);
            batches.Add(spans.GroupBy(s => s.TraceId)
                .Select((g, i) => new TraceWrite(Trace.Create(g.Key, g.ToList()), policies[(made + i) % policies.Length]))
                .ToList());
        }

        return batches;
    }

    public static long SpanCount(IEnumerable<List<TraceWrite>> batches) => batches.Sum(b => b.Sum(w => (long)w.Trace.Spans.Count));
}
