using StreamJobs.Telemetry.Spans;
using Xunit;
using static StreamJobs.SpanBuffer.Tests.Support.Spans;

namespace StreamJobs.SpanBuffer.Tests;

/// <summary>
/// The buffer reuses a finished trace's holder (and its span list) for the next traces; an emitted trace must not
/// share anything with it, or a later trace would rewrite the spans of one already handed downstream.
/// </summary>
public class TraceRecyclingTests
{
    private static readonly SpanBufferOptions Options = new() { QuietWait = TimeSpan.FromSeconds(1), MaxTraceAge = TimeSpan.FromSeconds(30) };

    [Fact]
    public void An_emitted_trace_keeps_its_spans_while_later_traces_reuse_the_buffer()
    {
        var buffer = new TraceBuffer(Options);
        var first = new List<Trace>();
        buffer.Add([Make(1, 1), Make(1, 2, 1), Make(1, 3, 1)], T0, first);
        Assert.Equal(1, buffer.DrainDue(T0.AddSeconds(1), first));
        Trace emitted = Assert.Single(first);
        var before = emitted.Spans.ToArray();

        // Many later traces, emitted in turn, so the first trace's holder is reused (more than once).
        var later = new List<Trace>();
        for (ulong t = 2; t < 200; t++)
        {
            var at = T0.AddSeconds(t);
            buffer.Add([Make(t, 10 * t), Make(t, 10 * t + 1, 10 * t)], at, later);
            buffer.DrainDue(at.AddSeconds(1), later);
        }

        Assert.Equal(198, later.Count);
        Assert.Equal(before, emitted.Spans);
        Assert.All(emitted.Spans, span => Assert.Equal(Trace(1), span.TraceId));
        Assert.All(later, trace => Assert.Equal(2, trace.Spans.Count));
        Assert.All(later, trace => Assert.All(trace.Spans, span => Assert.Equal(trace.TraceId, span.TraceId)));
    }

    [Fact]
    public void A_reused_holder_starts_empty_with_the_new_trace_s_times_and_counts()
    {
        var buffer = new TraceBuffer(new SpanBufferOptions { QuietWait = TimeSpan.FromSeconds(1), MaxTraceAge = TimeSpan.FromSeconds(30), MaxSpansPerTrace = 2 });
        var output = new List<Trace>();
        buffer.Add([Make(1, 1), Make(1, 2, 1), Make(1, 3, 1)], T0, output); // one over the cap
        buffer.DrainDue(T0.AddSeconds(1), output);
        buffer.Add([Make(2, 5)], T0.AddSeconds(10), output);
        Assert.Equal(T0.AddSeconds(11), buffer.NextDueTime);
        buffer.DrainDue(T0.AddSeconds(11), output);

        Assert.Equal(2, output.Count);
        Assert.Equal(1, output[0].DroppedSpanCount);
        Assert.Equal(0, output[1].DroppedSpanCount);
        Assert.Equal(Trace(2), Assert.Single(output[1].Spans).TraceId);
        Assert.Equal(0, buffer.CurrentBytes);
    }

    [Fact]
    public void Released_traces_are_recycled_without_touching_emitted_ones()
    {
        var buffer = new TraceBuffer(Options);
        var output = new List<Trace>();
        buffer.Add([Make(1, 1)], T0, output);
        buffer.DrainDue(T0.AddSeconds(1), output);
        buffer.Add([Make(2, 2)], T0.AddSeconds(2), output);
        Assert.Equal(1, buffer.ReleaseWhere(_ => true)); // the whole trace goes: its holder is recycled
        buffer.Add([Make(3, 3)], T0.AddSeconds(3), output);
        buffer.DrainAll(output);

        Assert.Equal([Trace(1), Trace(3)], output.Select(t => t.TraceId));
        Assert.Equal(new SpanId(1), Assert.Single(output[0].Spans).Id);
        Assert.Equal(new SpanId(3), Assert.Single(output[1].Spans).Id);
    }
}
