namespace StreamJobs.Telemetry.Spans;

/// <summary>
/// All spans buffered for one trace id, with the facts sampling policies look at. The flags are
/// computed once at creation; see docs/spans.md for the exact error, warning and retry rules.
/// </summary>
public sealed class Trace : StreamJobs.Acknowledgement.IHasReceipts
{
    private Trace(TraceId traceId, IReadOnlyList<Span> spans)
    {
        TraceId = traceId;
        Spans = spans;
    }

    /// <summary>The trace id.</summary>
    public TraceId TraceId { get; }

    /// <summary>The spans, in arrival order.</summary>
    public IReadOnlyList<Span> Spans { get; }

    /// <summary>The root: the earliest span without a parent, or the earliest span if none lacks one.</summary>
    public Span Root { get; private init; } = null!;

    /// <summary>Distinct service names, in order of first appearance.</summary>
    public IReadOnlyList<string> Services { get; private init; } = [];

    /// <summary>Earliest span start.</summary>
    public DateTimeOffset Start { get; private init; }

    /// <summary>From the earliest start to the latest span end.</summary>
    public TimeSpan Duration { get; private init; }

    /// <summary>Some span failed (error tag, OTLP status ERROR, HTTP status 5xx).</summary>
    public bool HasError { get; private init; }

    /// <summary>Some span carries a warning (warning tag, warn log level, warn event).</summary>
    public bool HasWarning { get; private init; }

    /// <summary>Some call was retried (retry tags or counts above zero, or a retry event).</summary>
    public bool HasRetry { get; private init; }

    /// <summary>Some span carries the debug flag (Zipkin <c>debug</c>, B3 <c>d</c>).</summary>
    public bool IsDebug { get; private init; }

    /// <summary>The upstream sampling decision: true if any span was sampled, false if only unsampled ones said so, else null.</summary>
    public bool? IsSampled { get; private init; }

    /// <summary>Why the trace left the buffer.</summary>
    public TraceCompletion Completion { get; private init; }

    /// <summary>True when it was forced out before it was quiet (buffer bound hit); the trace may be incomplete.</summary>
    public bool DecidedEarly => Completion == TraceCompletion.Evicted;

    /// <summary>Spans of this trace dropped by the per-trace span cap.</summary>
    public int DroppedSpanCount { get; private init; }

    /// <summary>Service of the root span, if known.</summary>
    public string? RootService => Root.ServiceName;

    /// <summary>Builds a trace from its spans, computing root, services, timing and flags.</summary>
    /// <param name="traceId">The trace id all spans share.</param>
    /// <param name="spans">At least one span; the list is kept, not copied.</param>
    /// <param name="completion">Why the trace is complete.</param>
    /// <param name="droppedSpanCount">Spans dropped by a span cap.</param>
    public static Trace Create(TraceId traceId, IReadOnlyList<Span> spans, TraceCompletion completion = TraceCompletion.Quiet, int droppedSpanCount = 0)
    {
        ArgumentNullException.ThrowIfNull(spans);
        if (spans.Count == 0)
        {
            throw new ArgumentException("a trace needs at least one span", nameof(spans));
        }

        return Create(traceId, spans, TraceClassifier.Classify(spans), completion, droppedSpanCount);
    }

    /// <summary>Builds a trace from its spans and the facts already found in them (<see cref="TraceFactsBuilder"/>).</summary>
    internal static Trace Create(TraceId traceId, IReadOnlyList<Span> spans, in TraceFacts facts, TraceCompletion completion, int droppedSpanCount)
    {
        return new Trace(traceId, spans)
        {
            Root = facts.Root,
            Services = facts.Services,
            Start = DateTimeOffset.UnixEpoch.AddTicks(facts.StartNanos / 100),
            Duration = TimeSpan.FromTicks((facts.EndNanos - facts.StartNanos) / 100),
            HasError = facts.HasError,
            HasWarning = facts.HasWarning,
            HasRetry = facts.HasRetry,
            IsDebug = facts.IsDebug,
            IsSampled = facts.IsSampled,
            Completion = completion,
            DroppedSpanCount = droppedSpanCount,
        };
    }

    /// <summary>Retains the receipt of every span of the trace.</summary>
    void StreamJobs.Acknowledgement.IHasReceipts.RetainReceipts(int count)
    {
        for (var i = 0; i < Spans.Count; i++) Spans[i].Receipt.Retain(count);
    }

    /// <summary>Completes the receipt of every span of the trace.</summary>
    /// <remarks>A tracker (a partition) at a time: a trace's spans mostly share one.</remarks>
    void StreamJobs.Acknowledgement.IHasReceipts.CompleteReceipts()
    {
        if (Spans is Span[] spans) StreamJobs.Acknowledgement.Receipt.CompleteAll(spans, static span => span.Receipt);
        else for (var i = 0; i < Spans.Count; i++) Spans[i].Receipt.Complete();
    }
}
