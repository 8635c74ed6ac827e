using StreamJobs.Telemetry.Spans;

namespace StreamJobs.SpanBuffer;

/// <summary>One trace being collected; it sits in two lists (by last activity and by first arrival).</summary>
internal sealed class BufferedTrace
{
    public BufferedTrace(TraceId traceId, long firstSeenTicks)
    {
        TraceId = traceId;
        FirstSeenTicks = firstSeenTicks;
        LastSeenTicks = firstSeenTicks;
        ByActivity = new LinkedListNode<BufferedTrace>(this);
        ByAge = new LinkedListNode<BufferedTrace>(this);
    }

    public TraceId TraceId { get; }

    public List<Span> Spans { get; } = new(8);

    public long FirstSeenTicks { get; }

    public long LastSeenTicks { get; set; }

    public long Bytes { get; set; }

    public int DroppedSpans { get; set; }

    public LinkedListNode<BufferedTrace> ByActivity { get; }

    public LinkedListNode<BufferedTrace> ByAge { get; }
}
