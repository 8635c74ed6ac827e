using StreamJobs.Telemetry.Spans;
using StreamJobs.Telemetry.Storage;

namespace StreamJobs.TraceStore.Tests.Contract;

/// <summary>
/// The traces every store is given (each written twice, to prove idempotence): an error trace across frontend → cart
/// → postgres, a checkout → payments trace with an annotation, a one-span frontend trace, late spans of the error
/// trace, and an old frontend trace three hours back in another bucket.
/// </summary>
public static class ContractTraces
{
    /// <summary>The end of the searched range: ten minutes after the newest trace.</summary>
    public static readonly DateTimeOffset EndTs = new DateTimeOffset(DateTime.UtcNow.Ticks / TimeSpan.TicksPerMinute * TimeSpan.TicksPerMinute, TimeSpan.Zero);

    public static readonly TraceId Errors = new(0x5af7183fb1d4cf5f, 0xe1);
    public static readonly TraceId Checkout = new(0x5af7183fb1d4cf5f, 0xc1);
    public static readonly TraceId Home = new(0x5af7183fb1d4cf5f, 0xa1);
    public static readonly TraceId Old = new(0x5af7183fb1d4cf5f, 0x01);

    public static IReadOnlyList<TraceWrite> All()
    {
        DateTimeOffset t0 = EndTs.AddMinutes(-10);
        var errors = Trace(Errors,
            Span(Errors, 1, null, "frontend", "GET /cart", SpanKind.Server, t0, 0, 9000, ("http.method", "GET")),
            Span(Errors, 2, 1, "frontend", "call cart", SpanKind.Client, t0, 100, 8000, ("peer", "cart"), remote: "cart"),
            Span(Errors, 3, 2, "cart", "load cart", SpanKind.Server, t0, 200, 7000, ("error", "timeout")),
            Span(Errors, 4, 3, "cart", "query", SpanKind.Client, t0, 300, 5000, ("db", "q"), remote: "postgres"));
        var late = Trace(Errors, Span(Errors, 5, 3, "cart", "late retry", SpanKind.Internal, t0, 8000, 500, ("retry", "1")));
        var checkout = Trace(Checkout,
            Span(Checkout, 1, null, "Checkout", "POST /pay", SpanKind.Server, t0.AddMinutes(1), 0, 50_000, ("amount", "5"), annotation: "charged"),
            Span(Checkout, 2, 1, "payments", "charge", SpanKind.Server, t0.AddMinutes(1), 1000, 40_000, ("card", "visa")));
        var home = Trace(Home, Span(Home, 1, null, "frontend", "GET /home", SpanKind.Server, t0.AddMinutes(2), 0, 1000, ("http.method", "GET")));
        var old = Trace(Old, Span(Old, 1, null, "frontend", "GET /old", SpanKind.Server, t0.AddHours(-3), 0, 2000, ("http.method", "GET")));
        return
        [
            new TraceWrite(errors, "errors"), new TraceWrite(late, "errors", spansOnly: true), new TraceWrite(checkout, "latency"),
            new TraceWrite(home, "baseline"), new TraceWrite(old, "baseline"),
        ];
    }

    private static Trace Trace(TraceId id, params Span[] spans) => Telemetry.Spans.Trace.Create(id, spans);

    private static Span Span(
        TraceId trace, ulong id, ulong? parent, string service, string name, SpanKind kind, DateTimeOffset traceStart, long offsetMicros,
        long durationMicros, (string Key, string Value) tag, string? remote = null, string? annotation = null)
    {
        long start = (traceStart - DateTimeOffset.UnixEpoch).Ticks * 100 + offsetMicros * 1000;
        return new Span
        {
            TraceId = trace,
            Id = new SpanId(id),
            ParentId = parent is { } p ? new SpanId(p) : null,
            Name = name,
            Kind = kind,
            ServiceName = service,
            StartTimeUnixNanos = start,
            DurationNanos = durationMicros * 1000,
            RemoteEndpoint = remote is null ? null : new Endpoint(remote),
            Attributes = [new SpanAttribute(tag.Key, tag.Value)],
            Events = annotation is null ? [] : [new SpanEvent(start + 1000, annotation)],
        };
    }
}
