using StreamJobs.Telemetry.Spans;

namespace StreamJobs.Telemetry.Zipkin;

/// <summary>
/// What reading one body's spans carries from span to span: a scratch list for tags, and the last endpoints read, which
/// the next spans of the same request usually repeat. One per body; not shared between threads.
/// </summary>
internal sealed class ZipkinReadContext
{
    public List<SpanAttribute> Tags { get; } = new(8);

    public Endpoint? LastLocal { get; set; }

    public Endpoint? LastRemote { get; set; }

    public RawEndpointMemo LocalBytes { get; } = new();

    public RawEndpointMemo RemoteBytes { get; } = new();
}
