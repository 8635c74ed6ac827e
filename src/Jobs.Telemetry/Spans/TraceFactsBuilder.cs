namespace StreamJobs.Telemetry.Spans;

/// <summary>
/// <see cref="TraceClassifier"/>'s rules applied span by span. The span buffer adds each span as it arrives, while the
/// span is still in the CPU cache from parsing; classifying the whole trace when it is decided, a second or more
/// later, read every span and its tags back from memory. Reusable: <see cref="Clear"/> starts the next trace.
/// </summary>
internal sealed class TraceFactsBuilder
{
    // A trace of very many services does not keep its list's size for the traces after it.
    private const int MaxKeptServices = 1024;

    private List<string> _services = new(4);
    private Span? _root;
    private Span? _earliest; // its start is the trace's
    private long _end = long.MinValue;
    private TraceClassifier.SpanFlags _flags;
    private bool _debug, _sampled, _unsampled;

    /// <summary>Spans added since the last <see cref="Clear"/>.</summary>
    public int Count { get; private set; }

    public void Add(Span span)
    {
        if (span.ParentId is null && (_root is null || span.StartTimeUnixNanos < _root.StartTimeUnixNanos)) _root = span;
        if (_earliest is null || span.StartTimeUnixNanos < _earliest.StartTimeUnixNanos) _earliest = span;
        if (span.ServiceName is { } service && !_services.Contains(service)) _services.Add(service);
        _end = Math.Max(_end, span.StartTimeUnixNanos + span.DurationNanos);
        _flags |= TraceClassifier.Flags(span);
        _debug |= span.Debug;
        _sampled |= span.Sampled == true;
        _unsampled |= span.Sampled == false;
        Count++;
    }

    /// <summary>The facts of the spans added so far; at least one must have been.</summary>
    public TraceFacts Build()
    {
        if (Count == 0) throw new InvalidOperationException("a trace needs at least one span");
        bool? sampled = _sampled || _debug ? true : _unsampled ? false : null;
        string[] services = _services.Count == 0 ? [] : _services.ToArray();
        Span earliest = _earliest!;
        return new TraceFacts(_root ?? earliest, services, earliest.StartTimeUnixNanos, _end,
            (_flags & TraceClassifier.SpanFlags.Error) != 0,
            (_flags & TraceClassifier.SpanFlags.Warning) != 0,
            (_flags & TraceClassifier.SpanFlags.Retry) != 0,
            _debug, sampled);
    }

    /// <summary>Forgets every span added (and the references to them).</summary>
    public void Clear()
    {
        if (_services.Capacity > MaxKeptServices) _services = new List<string>(4);
        else _services.Clear();
        _root = _earliest = null;
        _end = long.MinValue;
        _flags = TraceClassifier.SpanFlags.None;
        _debug = _sampled = _unsampled = false;
        Count = 0;
    }
}
