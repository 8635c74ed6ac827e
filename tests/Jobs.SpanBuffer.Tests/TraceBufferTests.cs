using StreamJobs.SpanBuffer.Tests.Support;
using StreamJobs.Telemetry.Spans;
using Xunit;
using static StreamJobs.SpanBuffer.Tests.Support.Spans;

namespace StreamJobs.SpanBuffer.Tests;

public class TraceBufferTests
{
    private static readonly SpanBufferOptions Options = new() { QuietWait = TimeSpan.FromSeconds(5), MaxTraceAge = TimeSpan.FromSeconds(30) };

    [Fact]
    public void A_trace_is_emitted_once_quiet_for_the_wait()
    {
        var buffer = new TraceBuffer(Options);
        var output = new List<Trace>();
        buffer.Add([Make(1, 1), Make(1, 2, 1)], T0, output);
        buffer.Add([Make(1, 3, 1)], T0.AddSeconds(3), output);

        Assert.Equal(0, buffer.DrainDue(T0.AddSeconds(7.9), output));
        Assert.Equal(T0.AddSeconds(8), buffer.NextDueTime);
        Assert.Equal(1, buffer.DrainDue(T0.AddSeconds(8), output));

        Trace trace = Assert.Single(output);
        Assert.Equal(3, trace.Spans.Count);
        Assert.Equal(TraceCompletion.Quiet, trace.Completion);
        Assert.Equal(0, buffer.CurrentTraces);
        Assert.Equal(0, buffer.CurrentBytes);
        Assert.Equal(1, buffer.TracesEmittedQuiet);
    }

    [Fact]
    public void A_busy_trace_is_emitted_at_max_age()
    {
        var buffer = new TraceBuffer(Options);
        var output = new List<Trace>();
        for (int s = 0; s <= 30; s++)
        {
            buffer.Add(Make(1, (ulong)s + 1), T0.AddSeconds(s), output);
            buffer.DrainDue(T0.AddSeconds(s), output);
        }

        Trace trace = Assert.Single(output);
        Assert.Equal(TraceCompletion.MaxAge, trace.Completion);
        Assert.Equal(31, trace.Spans.Count); // seconds 0..30 inclusive: the span added at 30 s is in before the drain
        Assert.Equal(1, buffer.TracesEmittedMaxAge);
    }

    [Fact]
    public void Traces_are_emitted_in_deadline_order_and_others_stay()
    {
        var buffer = new TraceBuffer(Options);
        var output = new List<Trace>();
        buffer.Add([Make(1, 1)], T0, output);
        buffer.Add([Make(2, 1)], T0.AddSeconds(1), output);
        buffer.Add([Make(1, 2)], T0.AddSeconds(2), output);

        buffer.DrainDue(T0.AddSeconds(6), output);

        Assert.Equal([Trace(2)], output.Select(t => t.TraceId));
        Assert.Equal(1, buffer.CurrentTraces);
    }

    [Fact]
    public void At_the_trace_bound_the_oldest_are_decided_early()
    {
        var buffer = new TraceBuffer(new SpanBufferOptions { MaxTraces = 3 });
        var output = new List<Trace>();
        for (ulong t = 1; t <= 5; t++)
        {
            buffer.Add([Make(t, 1)], T0.AddSeconds(t), output);
        }

        Assert.Equal([Trace(1), Trace(2)], output.Select(t => t.TraceId));
        Assert.All(output, t => Assert.True(t.DecidedEarly));
        Assert.Equal(3, buffer.CurrentTraces);
        Assert.Equal(2, buffer.TracesEmittedEarly);
    }

    [Fact]
    public void At_the_byte_bound_the_oldest_are_decided_early()
    {
        int spanBytes = Make(1, 1).EstimateSizeBytes();
        var buffer = new TraceBuffer(new SpanBufferOptions { MaxBytes = Math.Max(1024, spanBytes * 4) });
        var output = new List<Trace>();
        for (ulong t = 1; t <= 20; t++)
        {
            buffer.Add([Make(t, 1)], T0, output);
            Assert.True(buffer.CurrentBytes <= Math.Max(1024, spanBytes * 4));
        }

        Assert.NotEmpty(output);
        Assert.Equal(Trace(1), output[0].TraceId);
        Assert.Equal(20, output.Count + buffer.CurrentTraces);
    }

    [Fact]
    public void Spans_over_the_cap_are_dropped_and_the_trace_still_completes()
    {
        var buffer = new TraceBuffer(new SpanBufferOptions { MaxSpansPerTrace = 10 });
        var output = new List<Trace>();
        var spans = Enumerable.Range(1, 25).Select(i => Make(7, (ulong)i)).ToArray();

        buffer.Add(spans, T0, output);
        buffer.DrainDue(T0.AddSeconds(5), output);

        Trace trace = Assert.Single(output);
        Assert.Equal(10, trace.Spans.Count);
        Assert.Equal(15, trace.DroppedSpanCount);
        Assert.Equal(15, buffer.SpansDroppedByCap);
        Assert.Equal(25, buffer.SpansIn);
    }

    [Fact]
    public void Drain_where_takes_only_matching_traces_and_drain_all_the_rest()
    {
        var buffer = new TraceBuffer(Options);
        var output = new List<Trace>();
        for (ulong t = 1; t <= 10; t++)
        {
            buffer.Add([Make(t, 1)], T0, output);
        }

        int revoked = buffer.DrainWhere(id => id.GetStableHash() % 2 == 0, output);

        Assert.Equal(revoked, output.Count);
        Assert.All(output, t => Assert.Equal(0UL, t.TraceId.GetStableHash() % 2));
        Assert.All(output, t => Assert.Equal(TraceCompletion.Drained, t.Completion));
        Assert.Equal(10 - revoked, buffer.DrainAll(output));
        Assert.Equal(10, output.Count);
        Assert.Null(buffer.NextDueTime);
    }

    [Fact]
    public void A_span_after_its_trace_was_emitted_starts_a_new_trace()
    {
        var buffer = new TraceBuffer(Options);
        var output = new List<Trace>();
        buffer.Add([Make(1, 1)], T0, output);
        buffer.DrainDue(T0.AddSeconds(5), output);
        buffer.Add([Make(1, 2)], T0.AddSeconds(6), output);
        buffer.DrainDue(T0.AddSeconds(11), output);

        Assert.Equal(2, output.Count);
        Assert.Equal(2, buffer.TracesStarted);
    }

    [Fact]
    public void Time_going_backwards_does_not_extend_deadlines_beyond_the_latest_seen()
    {
        var buffer = new TraceBuffer(Options);
        var output = new List<Trace>();
        buffer.Add([Make(1, 1)], T0.AddSeconds(10), output);
        buffer.Add([Make(2, 1)], T0, output);

        buffer.DrainDue(T0.AddSeconds(15), output);

        Assert.Equal(2, output.Count);
    }

    [Fact]
    public void Empty_trace_ids_are_rejected_and_counted()
    {
        var buffer = new TraceBuffer(Options);
        buffer.Add([new Span { TraceId = default, Id = new SpanId(1) }], T0, new List<Trace>());

        Assert.Equal(1, buffer.SpansRejected);
        Assert.Equal(0, buffer.CurrentTraces);
    }

    [Fact]
    public void A_million_spans_through_a_small_bound_stay_bounded_and_all_are_accounted()
    {
        var options = new SpanBufferOptions { MaxTraces = 1000, MaxBytes = 1024 * 1024, MaxSpansPerTrace = 100 };
        var buffer = new TraceBuffer(options);
        var output = new CountingCollection();
        var batch = new Span[1000];
        var random = new Random(5);
        long maxBytesSeen = 0;
        int maxTracesSeen = 0;
        ulong nextTrace = 1;
        for (int b = 0; b < 1000; b++)
        {
            for (int i = 0; i < batch.Length; i++)
            {
                // Mostly recent traces, sometimes a brand new one: a realistic interleaving.
                ulong trace = random.Next(4) == 0 ? nextTrace++ : nextTrace - (ulong)random.Next(1, (int)Math.Min(nextTrace, 50));
                batch[i] = Make(trace, (ulong)i + 1);
            }

            DateTimeOffset now = T0.AddMilliseconds(b * 10);
            buffer.Add(batch, now, output);
            buffer.DrainDue(now, output);
            maxBytesSeen = Math.Max(maxBytesSeen, buffer.CurrentBytes);
            maxTracesSeen = Math.Max(maxTracesSeen, buffer.CurrentTraces);
        }

        long held = buffer.CurrentBytes;
        buffer.DrainAll(output);

        Assert.Equal(1_000_000, buffer.SpansIn);
        Assert.True(maxTracesSeen <= options.MaxTraces);
        Assert.True(maxBytesSeen <= options.MaxBytes);
        Assert.True(output.Early > 0);
        Assert.Equal(output.Early, buffer.TracesEmittedEarly);
        Assert.Equal(buffer.SpansIn, output.Spans + buffer.SpansDroppedByCap);
        Assert.Equal(buffer.TracesStarted, output.Count);
        Assert.True(held > 0);
    }
}
