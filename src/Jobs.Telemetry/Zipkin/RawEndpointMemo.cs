using StreamJobs.Telemetry.Spans;

namespace StreamJobs.Telemetry.Zipkin;

/// <summary>
/// The bytes of the last endpoint object read without error, and the endpoint they gave. The spans of one request
/// mostly repeat an endpoint byte for byte, and the same bytes always give the same endpoint, so a repeat costs a
/// token walk and one comparison instead of decoding its fields. A longer object than the buffer is not remembered.
/// </summary>
internal sealed class RawEndpointMemo
{
    private const int MaxBytes = 256;

    private byte[]? _raw;
    private int _length;
    private Endpoint? _endpoint;

    /// <summary>
    /// The remembered endpoint when <paramref name="rest"/> (the body from an endpoint's opening brace on) starts with the
    /// remembered object's bytes: a complete object, so the current one ends where the remembered one did.
    /// </summary>
    public Endpoint? Match(ReadOnlySpan<byte> rest) =>
        _length > 0 && rest.StartsWith(_raw.AsSpan(0, _length)) ? _endpoint : null;

    public void Remember(ReadOnlySpan<byte> raw, Endpoint endpoint)
    {
        if (raw.Length > MaxBytes)
        {
            _length = 0;
            _endpoint = null;
            return;
        }

        _raw ??= new byte[MaxBytes];
        raw.CopyTo(_raw);
        _length = raw.Length;
        _endpoint = endpoint;
    }
}
