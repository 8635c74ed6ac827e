using System.Buffers.Binary;
using System.Text;

namespace StreamJobs.Cassandra.Protocol;

/// <summary>Reads protocol notation ([int], [string], [bytes], ...) from a frame body without copying.</summary>
internal ref struct FrameReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    public FrameReader(ReadOnlySpan<byte> data, int position = 0)
    {
        _data = data;
        _position = position;
    }

    public readonly int Position => _position;

    public readonly int Remaining => _data.Length - _position;

    public byte ReadByte() => Take(1)[0];

    public short ReadShort() => BinaryPrimitives.ReadInt16BigEndian(Take(2));

    public ushort ReadUShort() => BinaryPrimitives.ReadUInt16BigEndian(Take(2));

    public int ReadInt() => BinaryPrimitives.ReadInt32BigEndian(Take(4));

    public long ReadLong() => BinaryPrimitives.ReadInt64BigEndian(Take(8));

    public string ReadString() => Encoding.UTF8.GetString(Take(ReadUShort()));

    public string ReadLongString() => Encoding.UTF8.GetString(Take(CheckedLength(ReadInt())));

    public ReadOnlySpan<byte> ReadShortBytes() => Take(ReadUShort());

    /// <summary>Reads [bytes]; returns false for a null (negative length) value.</summary>
    public bool TryReadBytes(out ReadOnlySpan<byte> value)
    {
        int length = ReadInt();
        if (length < 0)
        {
            value = default;
            return false;
        }

        value = Take(length);
        return true;
    }

    /// <summary>Skips a [bytes] value and returns its (start, length), length -1 for null.</summary>
    public (int Start, int Length) SkipBytes()
    {
        int length = ReadInt();
        if (length < 0)
        {
            return (_position, -1);
        }

        int start = _position;
        Take(length);
        return (start, length);
    }

    public List<string> ReadStringList()
    {
        int n = ReadUShort();
        var list = new List<string>(n);
        for (int i = 0; i < n; i++)
        {
            list.Add(ReadString());
        }

        return list;
    }

    public Dictionary<string, List<string>> ReadStringMultimap()
    {
        int n = ReadUShort();
        var map = new Dictionary<string, List<string>>(n, StringComparer.Ordinal);
        for (int i = 0; i < n; i++)
        {
            string key = ReadString();
            map[key] = ReadStringList();
        }

        return map;
    }

    public void Skip(int count) => Take(count);

    private static int CheckedLength(int length) =>
        length >= 0 ? length : throw new CqlProtocolViolationException($"Negative length {length} in a frame body.");

    private ReadOnlySpan<byte> Take(int count)
    {
        if ((uint)count > (uint)(_data.Length - _position))
        {
            throw new CqlProtocolViolationException(
                $"Frame body too short: needed {count} bytes at offset {_position}, {_data.Length - _position} left.");
        }

        var span = _data.Slice(_position, count);
        _position += count;
        return span;
    }
}
