namespace StreamJobs.Telemetry.Spans;

/// <summary>
/// One span from either Zipkin v2 or OTLP. Times are kept in nanoseconds since the Unix epoch so
/// OTLP loses no precision; Zipkin's microseconds are multiplied by 1,000.
/// </summary>
public sealed class Span : StreamJobs.Acknowledgement.IHasReceipts
{
    /// <summary>The trace this span belongs to.</summary>
    public required TraceId TraceId { get; init; }

    /// <summary>This span's id.</summary>
    public required SpanId Id { get; init; }

    /// <summary>The parent span, or null for a root span.</summary>
    public SpanId? ParentId { get; init; }

    /// <summary>Operation name (Zipkin <c>name</c>, OTLP <c>name</c>).</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>Span kind.</summary>
    public SpanKind Kind { get; init; }

    /// <summary>Service that recorded the span (Zipkin <c>localEndpoint.serviceName</c>, OTLP resource <c>service.name</c>).</summary>
    public string? ServiceName { get; init; }

    /// <summary>Start, nanoseconds since the Unix epoch (0 when unknown).</summary>
    public long StartTimeUnixNanos { get; init; }

    /// <summary>Duration in nanoseconds (0 when unknown).</summary>
    public long DurationNanos { get; init; }

    /// <summary>Zipkin local endpoint, if given.</summary>
    public Endpoint? LocalEndpoint { get; init; }

    /// <summary>Zipkin remote endpoint, if given.</summary>
    public Endpoint? RemoteEndpoint { get; init; }

    /// <summary>Tags (Zipkin, as text) or typed attributes (OTLP).</summary>
    public IReadOnlyList<SpanAttribute> Attributes { get; init; } = [];

    /// <summary>Annotations (Zipkin) or events (OTLP).</summary>
    public IReadOnlyList<SpanEvent> Events { get; init; } = [];

    /// <summary>Zipkin <c>debug</c> or B3 flag <c>d</c>: the request asked to be traced regardless of sampling.</summary>
    public bool Debug { get; init; }

    /// <summary>Zipkin <c>shared</c>: a server span sharing its id with the client span.</summary>
    public bool Shared { get; init; }

    /// <summary>The upstream (head) sampling decision if one travelled with the span (B3 or W3C flags), else null.</summary>
    public bool? Sampled { get; init; }

    /// <summary>OTLP status code.</summary>
    public SpanStatusCode Status { get; init; }

    /// <summary>OTLP status message, if any.</summary>
    public string? StatusMessage { get; init; }

    /// <summary>Start time as a <see cref="DateTimeOffset"/> (UTC).</summary>
    public DateTimeOffset StartTime => DateTimeOffset.UnixEpoch.AddTicks(StartTimeUnixNanos / 100);

    /// <summary>Duration as a <see cref="TimeSpan"/>.</summary>
    public TimeSpan Duration => TimeSpan.FromTicks(DurationNanos / 100);

    /// <summary>Finds an attribute by exact key; a linear scan, since spans carry few attributes.</summary>
    public bool TryGetAttribute(string key, out AttributeValue value)
    {
        IReadOnlyList<SpanAttribute> attributes = Attributes;
        for (int i = 0; i < attributes.Count; i++)
        {
            if (string.Equals(attributes[i].Key, key, StringComparison.Ordinal))
            {
                value = attributes[i].Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    // What later stages ask of every span, kept once taken (a span is immutable but for its receipt): 0 until then.
    private int _estimatedBytes;
    private byte _ruleFlags;
    private const byte RuleFlagsTaken = 0x80;

    /// <summary>
    /// A rough size of the span in memory, in bytes, used to bound buffers. It counts object
    /// headers, fields and string characters; it is an estimate, not an exact measurement. Taken once and kept (the
    /// readers take it as they build the span), so a tag list changed behind the span's back is not counted again.
    /// </summary>
    public int EstimateSizeBytes()
    {
        int size = _estimatedBytes;
        return size != 0 ? size : _estimatedBytes = Estimate();
    }

    /// <summary>The trace rules' findings on this span (<see cref="TraceClassifier"/>), evaluated once.</summary>
    internal TraceClassifier.SpanFlags RuleFlags
    {
        get
        {
            int flags = _ruleFlags;
            if (flags == 0) _ruleFlags = (byte)(flags = (int)TraceClassifier.Evaluate(this) | RuleFlagsTaken);
            return (TraceClassifier.SpanFlags)(flags & ~RuleFlagsTaken);
        }
    }

    /// <summary>
    /// Takes the size estimate and the rules' flags now. Readers call it as they build the span: its tags are still in
    /// the CPU cache then, where the span buffer, a stage (and often a core) later, would read each back from memory.
    /// </summary>
    internal Span Prepared()
    {
        EstimateSizeBytes();
        _ = RuleFlags;
        return this;
    }

    /// <summary>True once the size estimate was taken.</summary>
    internal bool HasSizeEstimate => _estimatedBytes != 0;

    /// <summary>True once the rules' flags were taken.</summary>
    internal bool HasRuleFlags => _ruleFlags != 0;

    private int Estimate()
    {
        int size = 160 + 2 * (Name.Length + (ServiceName?.Length ?? 0) + (StatusMessage?.Length ?? 0));
        size += LocalEndpoint?.EstimateBytes() ?? 0;
        size += RemoteEndpoint?.EstimateBytes() ?? 0;
        IReadOnlyList<SpanAttribute> attributes = Attributes;
        for (int i = 0; i < attributes.Count; i++)
        {
            size += 32 + 2 * attributes[i].Key.Length + attributes[i].Value.EstimateBytes();
        }

        IReadOnlyList<SpanEvent> events = Events;
        for (int i = 0; i < events.Count; i++)
        {
            size += 56 + 2 * events[i].Name.Length + 48 * events[i].Attributes.Count;
        }

        return size;
    }

    /// <summary>
    /// The span's claim on the replayable source it was read from (a Kafka partition offset), or
    /// <see cref="StreamJobs.Acknowledgement.Receipt.None"/>. Whoever finishes with the span (a sink once its write is
    /// acknowledged, a stage that drops it, a trace that absorbed it) completes it, so the source may commit past it.
    /// </summary>
    public StreamJobs.Acknowledgement.Receipt Receipt { get; set; }

    /// <inheritdoc />
    void StreamJobs.Acknowledgement.IHasReceipts.RetainReceipts(int count) => Receipt.Retain(count);

    /// <summary>Completes the span's receipt.</summary>
    void StreamJobs.Acknowledgement.IHasReceipts.CompleteReceipts() => Receipt.Complete();
}
