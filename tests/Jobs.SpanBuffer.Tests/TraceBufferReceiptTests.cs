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
}
