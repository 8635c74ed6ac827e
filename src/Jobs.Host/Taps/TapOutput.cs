using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace StreamJobs.Host.Taps;

/// <summary>
/// Frames tap results (NDJSON lines or SSE events) into one reused buffer and writes it to the response once per
/// batch, so writing a record allocates nothing. A slow client blocks <see cref="FlushAsync"/>, which makes only
/// this tap's buffer fill and drop.
/// </summary>
internal sealed class TapOutput : IAsyncDisposable
{
    private static readonly byte[] DataPrefix = "data: "u8.ToArray();
    private static readonly byte[] MetaPrefix = "event: meta\ndata: "u8.ToArray();
    private readonly Stream _body;
    private readonly TapFormat _format;
    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);

    public TapOutput(Stream body, TapFormat format)
    {
        _body = body;
        _format = format;
        Writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true });
    }

    /// <summary>Where a record's JSON goes between <see cref="BeginRecord"/> and <see cref="EndRecord"/>.</summary>
    public Utf8JsonWriter Writer { get; }

    public bool HasPending => _buffer.WrittenCount > 0;

    public void BeginRecord()
    {
        if (_format == TapFormat.Sse) _buffer.Write(DataPrefix);
    }

    public void BeginMeta()
    {
        if (_format == TapFormat.Sse) _buffer.Write(MetaPrefix);
    }

    public void EndRecord()
    {
        Writer.Flush();
        _buffer.Write(_format == TapFormat.Sse ? "\n\n"u8 : "\n"u8);
        Writer.Reset(_buffer);
    }

    /// <summary>Writes an already-serialized JSON object (an aggregate row, a replica's line) as one record.</summary>
    public void WriteRaw(ReadOnlySpan<byte> json)
    {
        BeginRecord();
        _buffer.Write(json);
        _buffer.Write(_format == TapFormat.Sse ? "\n\n"u8 : "\n"u8);
    }

    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_buffer.WrittenCount > 0)
        {
            await _body.WriteAsync(_buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
            _buffer.ResetWrittenCount();
        }
        await _body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => Writer.DisposeAsync();
}
