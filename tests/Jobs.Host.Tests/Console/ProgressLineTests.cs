using StreamJobs.FlowEnricher;
using StreamJobs.Host.Console;
using StreamJobs.Metrics;
using StreamJobs.TailSampler;

namespace StreamJobs.Host.Tests.Console;

public sealed class ProgressLineTests : IDisposable
{
    private readonly StreamMetrics _metrics = new();
    private readonly TailSamplerMetrics _sampling = new();
    private readonly FlowEnricherMetrics _flows = new();

    [Fact]
    public void The_line_counts_flows_apart_from_ownership_events_and_fits_the_width()
    {
        var line = new ProgressLine(_metrics, _sampling, _flows);
        line.Next(1);
        _metrics.For("span-buffer", "subscribe-spans", StageKind.Source).AddOut(25_000);
        _metrics.For("flow-enricher", "subscribe-flows", StageKind.Source).AddOut(1_500);
        _metrics.For("flow-enricher", "subscribe-ip-ownership", StageKind.Source).AddOut(700);
        _metrics.For("tail-sampler", "sample").AddDropped(3);

        var text = line.Next(1);
        Assert.Equal("progress | spans 25k/s | traces 0/s kept 0/s | flows 1.5k/s attributed – waiting 0 | dropped 3", text);
        Assert.All(new[] { 120, 60, 40 }, width => Assert.True(line.Next(1, width).Length <= width));

        var totals = line.Totals(atStop: null).Single();
        Assert.Contains("flow-enricher in 2,200 (1,500 flows + 700 ip-ownership) out 0", totals);
    }

    [Fact]
    public void What_the_drain_decided_is_printed_apart_from_the_totals()
    {
        var line = new ProgressLine(_metrics, _sampling, _flows);
        var atStop = line.Snapshot() with { Waiting = 40 };
        var closing = line.Totals(atStop).ToList();
        Assert.Equal(2, closing.Count);
        Assert.StartsWith("drain | 0 traces decided (0 kept) as buffers emptied | 0 flows attributed and 0 unattributed as 40 waits were cut short", closing[1]);
    }

    public void Dispose()
    {
        _metrics.Dispose();
        _sampling.Dispose();
        _flows.Dispose();
    }
}
