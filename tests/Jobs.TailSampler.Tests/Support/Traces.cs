using StreamJobs.Telemetry.Spans;

namespace StreamJobs.TailSampler.Tests.Support;

internal static class Traces
{
    private static ulong _next = 1;

    public static TraceId NewId() => new(0x1234UL, Interlocked.Increment(ref _next) * 0x9E3779B97F4A7C15UL);

    public static Trace Make(
        string service = "edge",
        string operation = "GET /",
        double durationMs = 10,
        SpanAttribute[]? tags = null,
        bool debug = false,
        bool? sampled = null,
        TraceId? id = null,
        int spans = 1)
    {
        TraceId traceId = id ?? NewId();
        var list = new List<Span>
        {
            new()
            {
                TraceId = traceId,
                Id = new SpanId(1),
                Name = operation,
                ServiceName = service,
                StartTimeUnixNanos = 1_000_000_000,
                DurationNanos = (long)(durationMs * 1_000_000),
                Attributes = tags ?? [],
                Debug = debug,
                Sampled = sampled,
            },
        };
        for (int i = 1; i < spans; i++)
        {
            list.Add(new Span { TraceId = traceId, Id = new SpanId((ulong)i + 1), ParentId = new SpanId(1), Name = "child", ServiceName = "db", StartTimeUnixNanos = 1_000_000_000 });
        }

        return Trace.Create(traceId, list);
    }
}
