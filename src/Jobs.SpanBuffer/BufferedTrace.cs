using StreamJobs.Telemetry.Spans;

namespace StreamJobs.SpanBuffer;

/// <summary>
/// One trace being collected; it sits in two lists (by last activity and by first arrival). Reused for later traces
/// (<see cref="TraceRecycler"/>): an emitted trace takes a copy of the spans, never this object's list.
/// </summary>
internal sealed class BufferedTrace
{
    public BufferedTrace(TraceId traceId, long firstSeenTicks)
    {
        ByActivity = new LinkedListNode<BufferedTrace>(this);
        ByAge = new LinkedListNode<BufferedTrace>(this);
        Start(traceId, firstSeenTicks);
    }

    public TraceId TraceId { get; private set; }

    public List<Span> Spans { get; } = new(8);

    /// <summary>The trace's facts, gathered span by span as <see cref="Spans"/> grows.</summary>
    public TraceFactsBuilder Facts { get; } = new();

    public long FirstSeenTicks { get; private set; }

    public long LastSeenTicks { get; set; }

    public long Bytes { get; set; }

    public int DroppedSpans { get; set; }

    public LinkedListNode<BufferedTrace> ByActivity { get; }

    public LinkedListNode<BufferedTrace> ByAge { get; }

    /// <summary>Begins collecting <paramref name="traceId"/>; the span list and facts are empty (new, or cleared when recycled).</summary>
    public void Start(TraceId traceId, long firstSeenTicks)
    {
        TraceId = traceId;
        FirstSeenTicks = firstSeenTicks;
        LastSeenTicks = firstSeenTicks;
        Bytes = 0;
        DroppedSpans = 0;
    }
}
