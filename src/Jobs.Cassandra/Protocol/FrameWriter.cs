using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace StreamJobs.Cassandra.Protocol;

/// <summary>
/// Builds one request frame into a buffer rented from <see cref="ArrayPool{T}"/>; the connection's writer loop
/// copies it to the socket and returns the buffer with <see cref="Dispose"/>.
/// </summary>
internal sealed class FrameWriter : IDisposable
{
    private byte[] _buffer;
    private int _position;

    public FrameWriter(int initialCapacity = 256)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initialCapacity, Frame.HeaderSize));
    }

    /// <summary>Bytes written so far, header included.</summary>
    public int Length => _position;

    /// <summary>The frame bytes as memory, for asynchronous socket writes; valid until <see cref="Dispose"/>.</summary>
    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _position);

    /// <summary>The frame bytes, valid until <see cref="Dispose"/>.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _position);

    /// <summary>Reserves the 9-byte header; <see cref="CompleteFrame"/> fills it once the body length is known.</summary>
    public void BeginFrame(byte version, Opcode opcode)
    {
        _position = 0;
        var span = GetSpan(Frame.HeaderSize);
        span[0] = version;
        span[1] = 0;
        BinaryPrimitives.WriteInt16BigEndian(span[2..], 0);
        span[4] = (byte)opcode;
        BinaryPrimitives.WriteInt32BigEndian(span[5..], 0);
        _position = Frame.HeaderSize;
    }

    /// <summary>Writes the stream id and body length into the header.</summary>
    public void CompleteFrame(short streamId)
    {
        BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(2), streamId);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(5), _position - Frame.HeaderSize);
    }

    public void WriteByte(byte value) => Advance(1)[0] = value;

    public void WriteShort(short value) => BinaryPrimitives.WriteInt16BigEndian(Advance(2), value);

    public void WriteUShort(ushort value) => BinaryPrimitives.WriteUInt16BigEndian(Advance(2), value);

    public void WriteInt(int value) => BinaryPrimitives.WriteInt32BigEndian(Advance(4), value);

    public void WriteLong(long value) => BinaryPrimitives.WriteInt64BigEndian(Advance(8), value);

    /// <summary>[string]: unsigned short length + UTF-8.</summary>
    public void WriteString(string value)
    {
        int max = Encoding.UTF8.GetMaxByteCount(value.Length);
        var span = GetSpan(2 + max);
        int n = Encoding.UTF8.GetBytes(value, span[2..]);
        if (n > ushort.MaxValue)
        {
            throw new ArgumentException("A [string] is limited to 65535 bytes.", nameof(value));
        }

        BinaryPrimitives.WriteUInt16BigEndian(span, (ushort)n);
        _position += 2 + n;
    }

    /// <summary>[long string]: int length + UTF-8.</summary>
    public void WriteLongString(string value)
    {
        int max = Encoding.UTF8.GetMaxByteCount(value.Length);
        var span = GetSpan(4 + max);
        int n = Encoding.UTF8.GetBytes(value, span[4..]);
        BinaryPrimitives.WriteInt32BigEndian(span, n);
        _position += 4 + n;
    }

    /// <summary>[short bytes]: unsigned short length + bytes.</summary>
    public void WriteShortBytes(ReadOnlySpan<byte> value)
    {
        WriteUShort((ushort)value.Length);
        value.CopyTo(Advance(value.Length));
    }

    /// <summary>[bytes]: int length + bytes.</summary>
    public void WriteBytes(ReadOnlySpan<byte> value)
    {
        WriteInt(value.Length);
        value.CopyTo(Advance(value.Length));
    }

    /// <summary>[bytes] with length -1: a null value.</summary>
    public void WriteNullBytes() => WriteInt(-1);

    /// <summary>[string map]: short count then key/value [string]s.</summary>
    public void WriteStringMap(IReadOnlyList<KeyValuePair<string, string>> map)
    {
        WriteShort((short)map.Count);
        foreach (var (key, value) in map)
        {
            WriteString(key);
            WriteString(value);
        }
    }

    /// <summary>Reserves a 4-byte length slot and returns its position, for values whose size is known only after encoding.</summary>
    public int ReserveLength()
    {
        Advance(4);
        return _position - 4;
    }

    /// <summary>Fills a slot from <see cref="ReserveLength"/> with the number of bytes written after it.</summary>
    public void PatchLength(int slot) =>
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(slot), _position - slot - 4);

    /// <summary>The written bytes from <paramref name="offset"/> on, for patching a slot reserved earlier.</summary>
    public Span<byte> WrittenSpanForPatch(int offset) => _buffer.AsSpan(offset, _position - offset);

    /// <summary>Returns a span of exactly <paramref name="count"/> bytes and moves past it.</summary>
    public Span<byte> Advance(int count)
    {
        var span = GetSpan(count)[..count];
        _position += count;
        return span;
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private Span<byte> GetSpan(int sizeHint)
    {
        if (_position + sizeHint > _buffer.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _position + sizeHint));
            _buffer.AsSpan(0, _position).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }

        return _buffer.AsSpan(_position);
    }
}
