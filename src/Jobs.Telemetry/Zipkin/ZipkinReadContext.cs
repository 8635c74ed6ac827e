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

    // Fields, so that the reader updates them in place.
    public RawEndpointMemo LocalBytes;

    public RawEndpointMemo RemoteBytes;

    /// <summary>Forgets where the last endpoints lay: the next spans come from another buffer.</summary>
    public void NewBuffer()
    {
        LocalBytes = default;
        RemoteBytes = default;
    }
}
