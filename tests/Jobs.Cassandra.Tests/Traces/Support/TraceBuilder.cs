using StreamJobs.Telemetry.Spans;
using StreamJobs.Telemetry.Synthetic;

namespace StreamJobs.Cassandra.Tests.Traces.Support;

/// <summary>Builds traces for the trace store tests: small hand-made ones with unique ids, or synthetic shop traffic.</summary>
internal static class TraceBuilder
{
    /// <summary>A random, never-repeating trace id (tests share the server's keyspace).</summary>
    public static TraceId NewTraceId() => new((ulong)Random.Shared.NextInt64(1, long.MaxValue), (ulong)Random.Shared.NextInt64(1, long.MaxValue));

    /// <summary>
    /// A trace of <paramref name="spanCount"/> spans: a server root in <paramref name="service"/> and children alternating
    /// between it and <paramref name="downstream"/>, the last child failing when <paramref name="error"/> is set.
    /// </summary>
    public static Trace Make(string service, string downstream, DateTimeOffset start, int spanCount = 3, bool error = false, ReceiptProbe? receipts = null)
    {
        var traceId = NewTraceId();
        var spans = new List<Span>(spanCount);
        long startNs = (start - DateTimeOffset.UnixEpoch).Ticks * 100;
        var rootId = new SpanId((ulong)Random.Shared.NextInt64(1, long.MaxValue));
        for (int i = 0; i < spanCount; i++)
        {
            bool last = i == spanCount - 1 && i > 0;
            var span = new Span
            {
                TraceId = traceId,
                Id = i == 0 ? rootId : new SpanId(rootId.Value + (ulong)i),
                ParentId = i == 0 ? null : rootId,
                Name = i == 0 ? "GET /checkout" : $"call-{i}",
                Kind = i == 0 ? SpanKind.Server : SpanKind.Client,
                ServiceName = i % 2 == 0 ? service : downstream,
                StartTimeUnixNanos = startNs + (i * 1_000_000L),
                DurationNanos = (spanCount - i) * 2_000_000L,
                Attributes = last && error
                    ? [new SpanAttribute("http.status_code", "503"), new SpanAttribute("error", "true")]
                    : [new SpanAttribute("http.method", "GET"), new SpanAttribute("component", "test")],
            };
            if (receipts is not null)
            {
                span.Receipt = receipts.Next();
            }

            spans.Add(span);
        }

        return Trace.Create(traceId, spans);
    }

    /// <summary><paramref name="count"/> traces of the synthetic shop, all starting around <paramref name="now"/>.</summary>
    public static List<Trace> Synthetic(int count, int seed, DateTimeOffset now, ReceiptProbe? receipts = null)
    {
        var spans = new List<Span>(count * 8);
        new SyntheticTraceGenerator(seed).Generate(count, now, spans);
        if (receipts is not null)
        {
            foreach (var span in spans)
            {
                span.Receipt = receipts.Next();
            }
        }

        return spans.GroupBy(s => s.TraceId).Select(g => Trace.Create(g.Key, g.ToList())).ToList();
    }
}
