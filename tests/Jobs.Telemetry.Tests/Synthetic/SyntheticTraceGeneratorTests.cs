using StreamJobs.Telemetry.Spans;
using StreamJobs.Telemetry.Synthetic;
using Xunit;

namespace StreamJobs.Telemetry.Tests.Synthetic;

public class SyntheticTraceGeneratorTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Same_seed_same_spans()
    {
        var a = new List<Span>();
        var b = new List<Span>();
        new SyntheticTraceGenerator(3).Generate(50, Now, a);
        new SyntheticTraceGenerator(3).Generate(50, Now, b);

        Assert.Equal(a.Count, b.Count);
        Assert.Equal(a.Select(s => (s.TraceId, s.Id, s.StartTimeUnixNanos)), b.Select(s => (s.TraceId, s.Id, s.StartTimeUnixNanos)));
    }

    [Fact]
    public void Traffic_exercises_every_trace_flag_and_ends_by_now()
    {
        var spans = new List<Span>();
        var generator = new SyntheticTraceGenerator(new SyntheticTrafficOptions { Seed = 11 });

        int added = generator.Generate(2000, Now, spans);

        Assert.Equal(spans.Count, added);
        Assert.Equal(2000, generator.TracesGenerated);
        List<Trace> traces = spans.GroupBy(s => s.TraceId).Select(g => Trace.Create(g.Key, g.ToList())).ToList();
        Assert.Equal(2000, traces.Count);
        Assert.Contains(traces, t => t.HasError);
        Assert.Contains(traces, t => t.HasRetry && !t.HasError);
        Assert.Contains(traces, t => t.HasWarning);
        Assert.Contains(traces, t => t.IsDebug);
        Assert.Contains(traces, t => t.IsSampled == true && !t.IsDebug);
        Assert.Contains(traces, t => t.Duration > TimeSpan.FromMilliseconds(500));
        Assert.All(traces, t => Assert.Equal("edge", t.RootService));
        Assert.All(traces, t => Assert.True(t.Start + t.Duration <= Now));
        Assert.True(traces.Count(t => t.HasError) < 200, "error rate should stay near 2%");
        Assert.All(spans, s => Assert.True(s.ParentId is null || spans.Any(p => p.TraceId == s.TraceId && p.Id == s.ParentId)));
    }

    [Fact]
    public void Rates_are_validated()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new SyntheticTraceGenerator(new SyntheticTrafficOptions { ErrorRate = 2 }));
        Assert.Equal("ErrorRate", ex.ParamName);
    }
}
