using StreamJobs.Telemetry.Spans;

namespace StreamJobs.Telemetry.Zipkin;

/// <summary>
/// Where in the body the last endpoint object read without error lies, and the endpoint it gave. The spans of one
/// request mostly repeat an endpoint byte for byte, and the same bytes always give the same endpoint, so a repeat costs
/// a token walk and one comparison instead of decoding its fields. Positions refer to one body: forget them before
/// reading another buffer.
/// </summary>
internal struct RawEndpointMemo
{
    private int _start;
    private int _length;
    private Endpoint? _endpoint;

    /// <summary>
    /// The remembered endpoint when the object starting at <paramref name="start"/> in <paramref name="body"/> begins with
    /// the remembered object's bytes: a complete object, so the current one ends where the remembered one did.
    /// </summary>
    public readonly Endpoint? Match(ReadOnlySpan<byte> body, int start) =>
        _length > 0 && body[start..].StartsWith(body.Slice(_start, _length)) ? _endpoint : null;

    public void Remember(int start, int end, Endpoint endpoint)
    {
        _start = start;
        _length = end - start;
        _endpoint = endpoint;
    }
}
