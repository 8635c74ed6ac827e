using StreamJobs.Telemetry.Spans;

namespace StreamJobs.Kafka.Tests.Support;

/// <summary>Builds test spans.</summary>
public static class Spans
{
    public static Span Make(int trace, int span) => new()
    {
        TraceId = new TraceId(0, (ulong)trace + 1),
        Id = new SpanId((ulong)(trace * 1000 + span + 1)),
        Name = $"op-{span}",
        ServiceName = $"svc-{trace % 5}",
        Kind = SpanKind.Server,
        StartTimeUnixNanos = 1_700_000_000_000_000_000 + trace * 1_000_000L + span * 1000L,
        DurationNanos = 5_000_000,
    };

    public static List<Span> Many(int traces, int spansPerTrace) =>
        Enumerable.Range(0, traces).SelectMany(t => Enumerable.Range(0, spansPerTrace).Select(s => Make(t, s))).ToList();
}
