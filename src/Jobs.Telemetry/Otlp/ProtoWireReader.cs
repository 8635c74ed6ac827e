using System.Buffers.Binary;

namespace StreamJobs.Telemetry.Otlp;

/// <summary>
/// Reads one protobuf message's fields in place. Every read checks its bounds and returns false on broken framing,
/// so a caller can give up on a body it cannot read exactly instead of throwing.
/// </summary>
internal ref struct ProtoWireReader(ReadOnlySpan<byte> message)
{
    public const int Varint = 0;
    public const int Fixed64 = 1;
    public const int LengthDelimited = 2;
    public const int Fixed32 = 5;

    private readonly ReadOnlySpan<byte> _message = message;
    private int _offset;

    public readonly bool AtEnd => _offset >= _message.Length;

    /// <summary>The next field's number and wire type; false at a broken tag.</summary>
    public bool TryReadTag(out int field, out int wireType)
    {
        field = 0;
        wireType = 0;
        if (!TryReadVarint(out ulong tag) || tag >> 3 is 0 or > int.MaxValue)
        {
            return false;
        }

        field = (int)(tag >> 3);
        wireType = (int)(tag & 7);
        return true;
    }

    public bool TryReadVarint(out ulong value) => TryReadVarint(_message, ref _offset, out value);

    /// <summary>A base-128 varint at <paramref name="offset"/>, which moves past it; false when cut off or longer than 64 bits.</summary>
    public static bool TryReadVarint(ReadOnlySpan<byte> data, ref int offset, out ulong value)
    {
        value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (offset >= data.Length)
            {
                return false;
            }

            byte b = data[offset++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return true;
            }
        }

        return false;
    }

    public bool TryReadFixed64(out ulong value)
    {
        value = 0;
        if (_message.Length - _offset < 8)
        {
            return false;
        }

        value = BinaryPrimitives.ReadUInt64LittleEndian(_message[_offset..]);
        _offset += 8;
        return true;
    }

    public bool TryReadFixed32(out uint value)
    {
        value = 0;
        if (_message.Length - _offset < 4)
        {
            return false;
        }

        value = BinaryPrimitives.ReadUInt32LittleEndian(_message[_offset..]);
        _offset += 4;
        return true;
    }

    public bool TryReadBytes(out ReadOnlySpan<byte> value)
    {
        value = default;
        if (!TryReadVarint(out ulong length) || length > (ulong)(_message.Length - _offset))
        {
            return false;
        }

        value = _message.Slice(_offset, (int)length);
        _offset += (int)length;
        return true;
    }

    /// <summary>Skips a field of a type OTLP uses (groups are not); false when it cannot.</summary>
    public bool TrySkip(int wireType) => wireType switch
    {
        Varint => TryReadVarint(out _),
        Fixed64 => TryReadFixed64(out _),
        LengthDelimited => TryReadBytes(out _),
        Fixed32 => TryReadFixed32(out _),
        _ => false,
    };
}
