using StreamJobs.SpanBuffer;
using StreamJobs.Telemetry.Spans;
using StreamJobs.Telemetry.Ingest;
using StreamJobs.Telemetry.Zipkin;

namespace StreamJobs.Spans.Benchmarks;

/// <summary>
/// Managed heap per buffered span against its Zipkin JSON wire size: <see cref="Target"/> spans parsed from the
/// benchmark's request bodies (fresh trace ids each) and held in a <see cref="TraceBuffer"/> with bounds that hold them
/// all, the heap measured after full collections before and after.
/// </summary>
internal static class BufferedMemory
{
    public const int Target = 1_000_000;

    public static (double BytesPerSpan, double WireBytesPerSpan) Measure()
    {
        var bodies = SpanBodies.ZipkinJson();
        var buffer = new TraceBuffer(new SpanBufferOptions
        {
            QuietWait = TimeSpan.FromMinutes(30), MaxTraceAge = TimeSpan.FromHours(1), MaxTraces = 10_000_000, MaxBytes = 64L << 30,
        });
        var spans = new List<Span>(SpanBodies.SpansPerRequest);
        var evicted = new List<Trace>();
        var now = DateTimeOffset.UtcNow;
        var body = Array.Empty<byte>();
        long wire = 0;
        var before = Heap();
        for (var request = 0; request < Target / SpanBodies.SpansPerRequest; request++)
        {
            body = bodies.Stamp(body, 1 + (long)request * SpanBodies.TracesPerRequest);
            wire += body.Length;
            spans.Clear();
            ZipkinJsonParser.Parse(body, spans, new List<SpanParseError>());
            buffer.Add(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(spans), now, evicted);
        }
        var after = Heap();
        if (evicted.Count > 0 || buffer.SpansIn != Target || buffer.CurrentTraces != Target / 10)
            throw new InvalidOperationException($"the buffer took {buffer.SpansIn} spans in {buffer.CurrentTraces} traces and evicted {evicted.Count}");
        GC.KeepAlive(buffer);
        return ((after - before) / (double)Target, wire / (double)Target);
    }

    private static long Heap()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
