using StreamJobs.SpanBuffer.Tests.Support;
using StreamJobs.Telemetry.Spans;
using Xunit;
using static StreamJobs.SpanBuffer.Tests.Support.Spans;

namespace StreamJobs.SpanBuffer.Tests;

public class TraceBufferReceiptTests
{
    [Fact]
    public void Spans_over_the_per_trace_cap_have_their_receipts_completed_and_kept_ones_do_not()
    {
        var tracker = new CountingReceiptTracker();
        var buffer = new TraceBuffer(new SpanBufferOptions { MaxSpansPerTrace = 3 });
        var output = new List<Trace>();
        for (ulong s = 1; s <= 5; s++)
        {
            var span = Make(1, s);
            span.Receipt = tracker.Issue((long)s);
            buffer.Add(span, T0, output);
        }

        Assert.Equal([4L, 5L], tracker.Completed);
        buffer.DrainAll(output);
        var trace = Assert.Single(output);
        Assert.Equal([1L, 2L, 3L], trace.Spans.Select(s => s.Receipt.Position));
        Assert.Equal(2, tracker.Completions);
    }

    [Fact]
    public void A_span_without_a_trace_id_has_its_receipt_completed()
    {
        var tracker = new CountingReceiptTracker();
        var buffer = new TraceBuffer();
        var output = new List<Trace>();
        var orphan = new Span { TraceId = default, Id = new SpanId(1), Name = "op", ServiceName = "svc", Receipt = tracker.Issue(7) };
        var good = Make(2, 1);
        good.Receipt = tracker.Issue(8);

        buffer.Add([orphan, good], T0, output);

        Assert.Equal([7L], tracker.Completed);
        Assert.Equal(1, buffer.SpansRejected);
        Assert.Equal(1, buffer.CurrentTraces);
    }

    [Fact]
    public void Released_spans_leave_the_buffer_with_their_bytes_and_emptied_traces_go_entirely()
    {
        var leaving = new CountingReceiptTracker();
        var staying = new CountingReceiptTracker();
        var buffer = new TraceBuffer();
        var output = new List<Trace>();
        var kept = Make(2, 2);
        kept.Receipt = staying.Issue(1);
        buffer.Add(kept, T0, output);
        var bytesKept = buffer.CurrentBytes;
        var a = Make(1, 1);
        a.Receipt = leaving.Issue(1);
        var b = Make(2, 1);
        b.Receipt = leaving.Issue(2);
        buffer.Add([a, b], T0, output);

        Assert.Equal(2, buffer.ReleaseWhere(r => r.Tracker == leaving));

        Assert.Equal([1L, 2L], leaving.Released);
        Assert.Empty(leaving.Completed);
        Assert.Equal(1, buffer.CurrentTraces);
        Assert.Equal(bytesKept, buffer.CurrentBytes);
        Assert.Equal(2, buffer.SpansHandedOff);
        buffer.DrainAll(output);
        Assert.Equal([new SpanId(2)], Assert.Single(output).Spans.Select(s => s.Id));
    }
}
