namespace StreamJobs.Host.Listeners;

/// <summary>A dedicated ingest listener on a standard port, as a tracing backend has them.</summary>
/// <param name="Setting">Its configuration key (written out whole so tools reading the sources find it).</param>
/// <param name="Default">Where it listens unless configured (both loopbacks: default clients say <c>localhost</c>, which may resolve to ::1 first).</param>
/// <param name="Path">The one request path it serves.</param>
/// <param name="Http2">Served as HTTP/2 without TLS (h2c), as gRPC clients speak it.</param>
internal sealed record ListenerKind(string Setting, string Default, string Path, bool Http2)
{
    /// <summary>Its key under <c>StreamJobs:Listeners</c>.</summary>
    public string Name => Setting[(Setting.LastIndexOf(':') + 1)..];

    public static readonly ListenerKind Zipkin = new("StreamJobs:Listeners:Zipkin", "http://localhost:9411", "/api/v2/spans", false);

    public static readonly ListenerKind OtlpHttp = new("StreamJobs:Listeners:OtlpHttp", "http://localhost:4318", "/v1/traces", false);

    public static readonly ListenerKind OtlpGrpc = new("StreamJobs:Listeners:OtlpGrpc", "http://localhost:4317", "/opentelemetry.proto.collector.trace.v1.TraceService/Export", true);

    public static IReadOnlyList<ListenerKind> All { get; } = [Zipkin, OtlpHttp, OtlpGrpc];
}
