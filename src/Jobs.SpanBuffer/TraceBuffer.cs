using StreamJobs.Telemetry.Spans;

namespace StreamJobs.SpanBuffer;

/// <summary>
/// Collects spans by trace id until each trace is complete: quiet for <see cref="SpanBufferOptions.QuietWait"/>
/// or older than <see cref="SpanBufferOptions.MaxTraceAge"/>. Bounded by trace count and estimated bytes;
/// at a bound the oldest traces are decided early (<see cref="TraceCompletion.Evicted"/>) and counted.
/// </summary>
/// <remarks>
/// Work per span is O(1) amortized: a dictionary lookup plus moving a node to the tail of an
/// activity list. Because the quiet wait is the same for every trace, the activity list is ordered by
/// deadline, and the arrival list is ordered by max-age deadline, so draining only looks at list heads.
/// Time never runs backwards inside the buffer: an earlier <c>now</c> than already seen is treated as
/// the latest seen. Spans it drops (no trace id, over the per-trace cap) have their receipts completed here;
/// the receipts of emitted traces belong to whoever finishes the trace. Not thread-safe; a keyed stage owns one buffer.
/// </remarks>
public sealed class TraceBuffer
{
    private readonly SpanBufferOptions _options;
    private readonly Dictionary<TraceId, BufferedTrace> _traces = new();
    private readonly LinkedList<BufferedTrace> _byActivity = new();
    private readonly LinkedList<BufferedTrace> _byAge = new();
    private readonly TraceRecycler _recycler = new();
    private readonly long _quietTicks;
    private readonly long _maxAgeTicks;
    private long _clock;

    /// <summary>Creates a buffer; the options are validated and then copied in effect (later changes are ignored).</summary>
    public TraceBuffer(SpanBufferOptions? options = null)
    {
        _options = options ?? new SpanBufferOptions();
        _options.Validate();
        _quietTicks = _options.QuietWait.Ticks;
        _maxAgeTicks = _options.MaxTraceAge.Ticks;
        MaxTraces = _options.MaxTraces;
        MaxBytes = _options.MaxBytes;
        MaxSpansPerTrace = _options.MaxSpansPerTrace;
    }

    private int MaxTraces { get; }

    private long MaxBytes { get; }

    private int MaxSpansPerTrace { get; }

    /// <summary>Spans accepted by <see cref="Add(ReadOnlySpan{Span}, DateTimeOffset, ICollection{Trace})"/> (including ones later dropped by the cap).</summary>
    public long SpansIn { get; private set; }

    /// <summary>Spans dropped because their trace already had <see cref="SpanBufferOptions.MaxSpansPerTrace"/> spans.</summary>
    public long SpansDroppedByCap { get; private set; }

    /// <summary>Spans rejected because their trace id was empty.</summary>
    public long SpansRejected { get; private set; }

    /// <summary>Traces started (a late span of an already emitted trace starts a new one).</summary>
    public long TracesStarted { get; private set; }

    /// <summary>Traces emitted for any reason.</summary>
    public long TracesEmitted { get; private set; }

    /// <summary>Traces emitted because they were quiet.</summary>
    public long TracesEmittedQuiet { get; private set; }

    /// <summary>Traces emitted because they reached the maximum age.</summary>
    public long TracesEmittedMaxAge { get; private set; }

    /// <summary>Traces decided early because a bound was hit.</summary>
    public long TracesEmittedEarly { get; private set; }

    /// <summary>Traces emitted by <see cref="DrainAll"/> or <see cref="DrainWhere"/>.</summary>
    public long TracesDrained { get; private set; }

    /// <summary>Spans released by <see cref="ReleaseWhere"/>: handed back to be replayed by another reader.</summary>
    public long SpansHandedOff { get; private set; }

    /// <summary>Traces currently held.</summary>
    public int CurrentTraces => _traces.Count;

    /// <summary>Estimated bytes of the spans currently held.</summary>
    public long CurrentBytes { get; private set; }

    /// <summary>When the next trace becomes due, or null when the buffer is empty; lets a stage schedule its timer.</summary>
    public DateTimeOffset? NextDueTime
    {
        get
        {
            if (_byActivity.First is not { } active || _byAge.First is not { } oldest)
            {
                return null;
            }

            long due = Math.Min(active.Value.LastSeenTicks + _quietTicks, oldest.Value.FirstSeenTicks + _maxAgeTicks);
            return new DateTimeOffset(due, TimeSpan.Zero);
        }
    }

    /// <summary>
    /// Adds spans seen at <paramref name="now"/>. Traces forced out by the trace or byte bound are
    /// appended to <paramref name="evicted"/> right away (flagged <see cref="TraceCompletion.Evicted"/>).
    /// </summary>
    public void Add(ReadOnlySpan<Span> spans, DateTimeOffset now, ICollection<Trace> evicted)
    {
        ArgumentNullException.ThrowIfNull(evicted);
        long ticks = Advance(now);
        for (int i = 0; i < spans.Length; i++)
        {
            AddOne(spans[i], ticks);
        }

        EnforceBounds(evicted);
    }

    /// <summary>Adds one span; see <see cref="Add(ReadOnlySpan{Span}, DateTimeOffset, ICollection{Trace})"/>.</summary>
    public void Add(Span span, DateTimeOffset now, ICollection<Trace> evicted)
    {
        ArgumentNullException.ThrowIfNull(evicted);
        AddOne(span, Advance(now));
        EnforceBounds(evicted);
    }

    /// <summary>Appends every trace due at <paramref name="now"/> (quiet or too old) to <paramref name="output"/>; returns how many.</summary>
    public int DrainDue(DateTimeOffset now, ICollection<Trace> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        long ticks = Advance(now);
        int emitted = 0;
        while (_byActivity.First is { } active && active.Value.LastSeenTicks + _quietTicks <= ticks)
        {
            output.Add(Emit(active.Value, TraceCompletion.Quiet));
            TracesEmittedQuiet++;
            emitted++;
        }

        while (_byAge.First is { } oldest && oldest.Value.FirstSeenTicks + _maxAgeTicks <= ticks)
        {
            output.Add(Emit(oldest.Value, TraceCompletion.MaxAge));
            TracesEmittedMaxAge++;
            emitted++;
        }

        return emitted;
    }

    /// <summary>Appends every held trace to <paramref name="output"/> (for shutdown); returns how many.</summary>
    public int DrainAll(ICollection<Trace> output) => DrainWhere(static _ => true, output);

    /// <summary>
    /// Appends the held traces whose id matches <paramref name="predicate"/> (e.g. "hashes to a revoked
    /// partition"), oldest first; returns how many. Walks every held trace, so it is for rare events.
    /// </summary>
    public int DrainWhere(Func<TraceId, bool> predicate, ICollection<Trace> output)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        ArgumentNullException.ThrowIfNull(output);
        int emitted = 0;
        LinkedListNode<BufferedTrace>? node = _byAge.First;
        while (node is not null)
        {
            LinkedListNode<BufferedTrace>? next = node.Next;
            if (predicate(node.Value.TraceId))
            {
                output.Add(Emit(node.Value, TraceCompletion.Drained));
                TracesDrained++;
                emitted++;
            }

            node = next;
        }

        return emitted;
    }

    /// <summary>
    /// Releases (<see cref="StreamJobs.Acknowledgement.Receipt.Release"/>) and forgets every held span whose receipt
    /// matches <paramref name="handedOff"/> (its partition moved to another reader, which replays it), and the traces
    /// left empty; returns how many spans. A trace keeps its other spans. Walks every held span: for rare events.
    /// </summary>
    public int ReleaseWhere(Func<StreamJobs.Acknowledgement.Receipt, bool> handedOff)
    {
        ArgumentNullException.ThrowIfNull(handedOff);
        int released = 0;
        LinkedListNode<BufferedTrace>? node = _byAge.First;
        while (node is not null)
        {
            LinkedListNode<BufferedTrace>? next = node.Next;
            BufferedTrace trace = node.Value;
            List<Span> spans = trace.Spans;
            int kept = 0;
            for (int i = 0; i < spans.Count; i++)
            {
                Span span = spans[i];
                if (!handedOff(span.Receipt))
                {
                    spans[kept++] = span;
                    continue;
                }

                span.Receipt.Release();
                int bytes = span.EstimateSizeBytes();
                trace.Bytes -= bytes;
                CurrentBytes -= bytes;
                released++;
            }

            spans.RemoveRange(kept, spans.Count - kept);
            if (kept == 0)
            {
                Forget(trace);
                _recycler.Return(trace);
            }
            else if (kept < trace.Facts.Count)
            {
                // Facts cannot have a span taken out (which span is the root now?): gather them again from the kept ones.
                trace.Facts.Clear();
                for (int i = 0; i < kept; i++) trace.Facts.Add(spans[i]);
            }

            node = next;
        }

        SpansHandedOff += released;
        return released;
    }

    /// <summary>Counts <paramref name="span"/> as handed off and releases its receipt, instead of adding it.</summary>
    public void Release(Span span)
    {
        ArgumentNullException.ThrowIfNull(span);
        span.Receipt.Release();
        SpansHandedOff++;
    }

    private long Advance(DateTimeOffset now)
    {
        _clock = Math.Max(_clock, now.UtcTicks);
        return _clock;
    }

    private void AddOne(Span span, long ticks)
    {
        if (span.TraceId.IsEmpty)
        {
            // Dropped for good: finish its receipt so a replayable source can commit past it.
            span.Receipt.Complete();
            SpansRejected++;
            return;
        }

        SpansIn++;
        if (!_traces.TryGetValue(span.TraceId, out BufferedTrace? trace))
        {
            trace = _recycler.Take(span.TraceId, ticks);
            _traces.Add(span.TraceId, trace);
            _byAge.AddLast(trace.ByAge);
            _byActivity.AddLast(trace.ByActivity);
            TracesStarted++;
        }
        else
        {
            trace.LastSeenTicks = ticks;
            if (trace.ByActivity != _byActivity.Last)
            {
                _byActivity.Remove(trace.ByActivity);
                _byActivity.AddLast(trace.ByActivity);
            }
        }

        if (trace.Spans.Count >= MaxSpansPerTrace)
        {
            span.Receipt.Complete();
            trace.DroppedSpans++;
            SpansDroppedByCap++;
            return;
        }

        int bytes = span.EstimateSizeBytes();
        trace.Spans.Add(span);
        trace.Facts.Add(span);
        trace.Bytes += bytes;
        CurrentBytes += bytes;
    }

    private void Forget(BufferedTrace trace)
    {
        _traces.Remove(trace.TraceId);
        _byAge.Remove(trace.ByAge);
        _byActivity.Remove(trace.ByActivity);
        CurrentBytes -= trace.Bytes;
    }

    private void EnforceBounds(ICollection<Trace> evicted)
    {
        while ((_traces.Count > MaxTraces || CurrentBytes > MaxBytes) && _byAge.First is { } oldest)
        {
            evicted.Add(Emit(oldest.Value, TraceCompletion.Evicted));
            TracesEmittedEarly++;
        }
    }

    private Trace Emit(BufferedTrace trace, TraceCompletion completion)
    {
        Forget(trace);
        TracesEmitted++;
        // The trace gets an array of exactly its spans; the buffered trace and its list go back for the next trace.
        var emitted = Trace.Create(trace.TraceId, trace.Spans.ToArray(), trace.Facts.Build(), completion, trace.DroppedSpans);
        _recycler.Return(trace);
        return emitted;
    }
}
