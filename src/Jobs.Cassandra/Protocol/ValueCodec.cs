using System.Buffers.Binary;
using System.Collections;
using System.Net;
using System.Text;

namespace StreamJobs.Cassandra.Protocol;

/// <summary>
/// Encodes CLR values to CQL [bytes] and decodes them back. With a known column type (prepared statements) values are
/// converted to it; without one (simple statements) the CLR type picks the CQL type.
/// </summary>
internal static class ValueCodec
{
    /// <summary>Writes <paramref name="value"/> as [bytes] (length -1 for null).</summary>
    public static void WriteValue(FrameWriter writer, object? value, ColumnType? type, string name)
    {
        if (value is null)
        {
            writer.WriteNullBytes();
            return;
        }

        int slot = writer.ReserveLength();
        Encode(writer, value, type, name);
        writer.PatchLength(slot);
    }

    private static void Encode(FrameWriter w, object value, ColumnType? type, string name)
    {
        try
        {
            switch (type?.Code)
            {
                case null:
                    EncodeByClrType(w, value, name);
                    return;
                case ColumnTypeCode.Ascii or ColumnTypeCode.Varchar:
                    WriteUtf8(w, value as string ?? throw Mismatch(value, type, name));
                    return;
                case ColumnTypeCode.Bigint or ColumnTypeCode.Counter:
                    w.WriteLong(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
                    return;
                case ColumnTypeCode.Int:
                    w.WriteInt(Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture));
                    return;
                case ColumnTypeCode.Boolean:
                    w.WriteByte((bool)value ? (byte)1 : (byte)0);
                    return;
                case ColumnTypeCode.Double:
                    w.WriteLong(BitConverter.DoubleToInt64Bits(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture)));
                    return;
                case ColumnTypeCode.Float:
                    w.WriteInt(BitConverter.SingleToInt32Bits(Convert.ToSingle(value, System.Globalization.CultureInfo.InvariantCulture)));
                    return;
                case ColumnTypeCode.Timestamp:
                    w.WriteLong(ToUnixMilliseconds(value) ?? throw Mismatch(value, type, name));
                    return;
                case ColumnTypeCode.Uuid or ColumnTypeCode.Timeuuid:
                    WriteGuid(w, value is Guid g ? g : throw Mismatch(value, type, name));
                    return;
                case ColumnTypeCode.List or ColumnTypeCode.Set:
                    EncodeCollection(w, value as IEnumerable ?? throw Mismatch(value, type, name), type.Key, name);
                    return;
                case ColumnTypeCode.Map:
                    EncodeMap(w, value as IDictionary ?? throw Mismatch(value, type, name), type.Key, type.Value, name);
                    return;
                default:
                    EncodeByClrType(w, value, name);
                    return;
            }
        }
        catch (Exception e) when (e is InvalidCastException or FormatException or OverflowException)
        {
            throw Mismatch(value, type, name, e);
        }
    }

    private static void EncodeByClrType(FrameWriter w, object value, string name)
    {
        switch (value)
        {
            case string s: WriteUtf8(w, s); break;
            case int i: w.WriteInt(i); break;
            case long l: w.WriteLong(l); break;
            case bool b: w.WriteByte(b ? (byte)1 : (byte)0); break;
            case double d: w.WriteLong(BitConverter.DoubleToInt64Bits(d)); break;
            case float f: w.WriteInt(BitConverter.SingleToInt32Bits(f)); break;
            case DateTimeOffset or DateTime: w.WriteLong(ToUnixMilliseconds(value)!.Value); break;
            case Guid g: WriteGuid(w, g); break;
            case byte[] bytes: bytes.CopyTo(w.Advance(bytes.Length)); break;
            case ReadOnlyMemory<byte> memory: memory.Span.CopyTo(w.Advance(memory.Length)); break;
            case IPAddress ip: WriteIp(w, ip); break;
            case IDictionary map: EncodeMap(w, map, null, null, name); break;
            case IEnumerable items: EncodeCollection(w, items, null, name); break;
            default:
                throw new ArgumentException(
                    $"Cannot encode a {value.GetType().Name} for '{name}': supported are string, int, long, bool, double, float, " +
                    "DateTimeOffset, DateTime, Guid, byte[], IPAddress and lists, sets and dictionaries of those.");
        }
    }

    private static void EncodeCollection(FrameWriter w, IEnumerable items, ColumnType? element, string name)
    {
        int countSlot = w.ReserveLength();
        int count = 0;
        foreach (object? item in items)
        {
            WriteValue(w, item ?? throw new ArgumentException($"Collections cannot hold null ('{name}')."), element, name);
            count++;
        }

        BinaryPrimitives.WriteInt32BigEndian(w.WrittenSpanForPatch(countSlot), count);
    }

    private static void EncodeMap(FrameWriter w, IDictionary map, ColumnType? key, ColumnType? value, string name)
    {
        w.WriteInt(map.Count);
        foreach (DictionaryEntry entry in map)
        {
            WriteValue(w, entry.Key, key, name);
            WriteValue(w, entry.Value ?? throw new ArgumentException($"Map values cannot be null ('{name}')."), value, name);
        }
    }

    private static void WriteUtf8(FrameWriter w, string s)
    {
        var span = w.Advance(Encoding.UTF8.GetByteCount(s));
        Encoding.UTF8.GetBytes(s, span);
    }

    private static void WriteGuid(FrameWriter w, Guid g) => g.TryWriteBytes(w.Advance(16), bigEndian: true, out _);

    private static void WriteIp(FrameWriter w, IPAddress ip)
    {
        var span = w.Advance(ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? 16 : 4);
        ip.TryWriteBytes(span, out _);
    }

    private static long? ToUnixMilliseconds(object value) => value switch
    {
        DateTimeOffset dto => dto.ToUnixTimeMilliseconds(),
        DateTime dt => new DateTimeOffset(dt.Kind == DateTimeKind.Local ? dt.ToUniversalTime() : DateTime.SpecifyKind(dt, DateTimeKind.Utc)).ToUnixTimeMilliseconds(),
        long ms => ms,
        _ => null,
    };

    private static ArgumentException Mismatch(object value, ColumnType? type, string name, Exception? inner = null) =>
        new($"Cannot encode a {value.GetType().Name} as {type} for '{name}'.", inner);

    /// <summary>Decodes a non-null value to the column's natural CLR type (see <see cref="ColumnType.ClrType"/>).</summary>
    public static object Decode(ColumnType type, ReadOnlySpan<byte> data)
    {
        switch (type.Code)
        {
            case ColumnTypeCode.Ascii or ColumnTypeCode.Varchar: return Encoding.UTF8.GetString(data);
            case ColumnTypeCode.Bigint or ColumnTypeCode.Counter: return ReadLong(data);
            case ColumnTypeCode.Int: return ReadInt(data);
            case ColumnTypeCode.Boolean: return ReadBool(data);
            case ColumnTypeCode.Double: return ReadDouble(data);
            case ColumnTypeCode.Float: return ReadFloat(data);
            case ColumnTypeCode.Timestamp: return ReadTimestamp(data);
            case ColumnTypeCode.Uuid or ColumnTypeCode.Timeuuid: return ReadGuid(data);
            case ColumnTypeCode.Inet: return new IPAddress(data);
            case ColumnTypeCode.List or ColumnTypeCode.Set:
                var reader = new FrameReader(data);
                int n = reader.ReadInt();
                var list = type.NewElementList(n);
                for (int i = 0; i < n; i++)
                {
                    list.Add(reader.TryReadBytes(out var item) ? Decode(type.Key!, item) : null);
                }

                return type.Code == ColumnTypeCode.Set ? type.ToSet(list) : list;
            case ColumnTypeCode.Map:
                var mapReader = new FrameReader(data);
                int pairs = mapReader.ReadInt();
                var map = type.NewMap(pairs);
                for (int i = 0; i < pairs; i++)
                {
                    mapReader.TryReadBytes(out var k);
                    object key = Decode(type.Key!, k);
                    map[key] = mapReader.TryReadBytes(out var v) ? Decode(type.Value!, v) : null;
                }

                return map;
            default: return data.ToArray();
        }
    }

    public static int ReadInt(ReadOnlySpan<byte> data) => BinaryPrimitives.ReadInt32BigEndian(Exact(data, 4));

    public static long ReadLong(ReadOnlySpan<byte> data) => BinaryPrimitives.ReadInt64BigEndian(Exact(data, 8));

    public static bool ReadBool(ReadOnlySpan<byte> data) => Exact(data, 1)[0] != 0;

    public static double ReadDouble(ReadOnlySpan<byte> data) => BitConverter.Int64BitsToDouble(ReadLong(data));

    public static float ReadFloat(ReadOnlySpan<byte> data) => BitConverter.Int32BitsToSingle(ReadInt(data));

    public static DateTimeOffset ReadTimestamp(ReadOnlySpan<byte> data) => DateTimeOffset.FromUnixTimeMilliseconds(ReadLong(data));

    public static Guid ReadGuid(ReadOnlySpan<byte> data) => new(Exact(data, 16), bigEndian: true);

    private static ReadOnlySpan<byte> Exact(ReadOnlySpan<byte> data, int size) =>
        data.Length == size ? data : throw new CqlProtocolViolationException($"Expected a {size}-byte value, got {data.Length} bytes.");
}
