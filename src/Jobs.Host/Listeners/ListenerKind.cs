namespace StreamJobs.Host.Listeners;

/// <summary>A dedicated ingest listener on a standard port, as a tracing backend has them.</summary>
/// <param name="Name">Its key under <c>StreamJobs:Listeners</c>.</param>
/// <param name="Default">Where it listens unless configured (both loopbacks: default clients say <c>localhost</c>, which may resolve to ::1 first).</param>
/// <param name="Path">The one request path it serves.</param>
/// <param name="Http2">Served as HTTP/2 without TLS (h2c), as gRPC clients speak it.</param>
internal sealed record ListenerKind(string Name, string Default, string Path, bool Http2)
{
    public static readonly ListenerKind Zipkin = new("Zipkin", "http://localhost:9411", "/api/v2/spans", false);

    public static readonly ListenerKind OtlpHttp = new("OtlpHttp", "http://localhost:4318", "/v1/traces", false);

    public static readonly ListenerKind OtlpGrpc = new("OtlpGrpc", "http://localhost:4317", "/opentelemetry.proto.collector.trace.v1.TraceService/Export", true);

    public static IReadOnlyList<ListenerKind> All { get; } = [Zipkin, OtlpHttp, OtlpGrpc];
}
