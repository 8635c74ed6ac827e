using StreamJobs.Host.Ingest;
using StreamJobs.Telemetry.Spans;

namespace StreamJobs.Host.Tests.Ingest;

/// <summary>The per-thread request list is reused, but never keeps the spans of a request that has given it back.</summary>
public sealed class RequestSpansTests
{
    [Fact]
    public void A_returned_list_comes_back_empty_and_the_spans_offered_from_it_stay_intact()
    {
        var first = RequestSpans.Rent();
        var span = new Span { TraceId = new TraceId(1, 2), Id = new SpanId(3), Name = "kept" };
        first.Add(span);
        var offered = first.ToArray(); // what the queue copies out
        RequestSpans.Return(first);

        var next = RequestSpans.Rent();
        Assert.Same(first, next);
        Assert.Empty(next);
        next.Add(new Span { TraceId = new TraceId(9, 9), Id = new SpanId(9) });
        Assert.Same(span, Assert.Single(offered));
        Assert.Equal("kept", offered[0].Name);
        RequestSpans.Return(next);
    }

    [Fact]
    public void A_list_grown_by_a_huge_request_is_let_go()
    {
        var huge = RequestSpans.Rent();
        huge.Capacity = RequestSpans.MaxKeptCapacity + 1;
        RequestSpans.Return(huge);

        var next = RequestSpans.Rent();
        Assert.NotSame(huge, next);
        RequestSpans.Return(next);
    }

    [Fact]
    public void A_rented_list_is_not_handed_out_twice()
    {
        var a = RequestSpans.Rent();
        var b = RequestSpans.Rent();
        Assert.NotSame(a, b);
        RequestSpans.Return(a);
        RequestSpans.Return(b);
    }
}
