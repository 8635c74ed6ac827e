using System.Buffers.Binary;

namespace StreamJobs.Telemetry.Flows;

/// <summary>
/// Decodes flow datagrams (<see cref="FlowBinaryFormat"/>) into a caller-provided buffer without allocating per
/// record. A bad header drops that datagram only; a bad or truncated record is dropped alone. Every drop is counted.
/// Not thread-safe: one decoder per receiving loop.
/// </summary>
public sealed class FlowDatagramDecoder
{
    private readonly WorkloadNameTable _names;
    private string[] _identities = new string[16];

    /// <summary>Creates a decoder interning identities in <paramref name="names"/> (a private table when null).</summary>
    public FlowDatagramDecoder(WorkloadNameTable? names = null)
    {
        _names = names ?? new WorkloadNameTable();
    }

    /// <summary>Datagrams whose header was accepted.</summary>
    public long DatagramsDecoded { get; private set; }

    /// <summary>Datagrams dropped as a whole (bad header or identity section).</summary>
    public long DatagramsDropped { get; private set; }

    /// <summary>
    /// Datagrams whose header was accepted but that end before their declared records do (a subset of
    /// <see cref="DatagramsDecoded"/>): malformed, though the whole records they hold are still decoded.
    /// </summary>
    public long DatagramsTruncated { get; private set; }

    /// <summary>Records decoded.</summary>
    public long RecordsDecoded { get; private set; }

    /// <summary>Records dropped alone (bad field, or one per truncated datagram for the records it lacks).</summary>
    public long RecordsDropped { get; private set; }

    /// <summary>
    /// Reads the declared record count from a header, or -1 when the header is unusable. A claim only: a decode needs
    /// room for at most the records the datagram holds.
    /// </summary>
    public static int PeekRecordCount(ReadOnlySpan<byte> datagram) =>
        datagram.Length >= FlowBinaryFormat.HeaderSize && BinaryPrimitives.ReadUInt32LittleEndian(datagram) == FlowBinaryFormat.Magic
            ? BinaryPrimitives.ReadUInt16LittleEndian(datagram[6..])
            : -1;

    /// <summary>Decodes <paramref name="datagram"/> into the start of <paramref name="destination"/>.</summary>
    public FlowDatagramResult Decode(ReadOnlySpan<byte> datagram, Span<FlowRecord> destination)
    {
        if (datagram.Length < FlowBinaryFormat.HeaderSize)
        {
            return DropDatagram(FlowDatagramStatus.TooShort);
        }

        if (BinaryPrimitives.ReadUInt32LittleEndian(datagram) != FlowBinaryFormat.Magic)
        {
            return DropDatagram(FlowDatagramStatus.BadMagic);
        }

        if (datagram[4] != FlowBinaryFormat.Version || datagram[5] != 0)
        {
            return DropDatagram(FlowDatagramStatus.UnsupportedVersion);
        }

        int recordCount = BinaryPrimitives.ReadUInt16LittleEndian(datagram[6..]);
        int identityCount = BinaryPrimitives.ReadUInt16LittleEndian(datagram[8..]);
        int identityBytes = BinaryPrimitives.ReadUInt16LittleEndian(datagram[10..]);
        uint sequence = BinaryPrimitives.ReadUInt32LittleEndian(datagram[12..]);
        var body = datagram[FlowBinaryFormat.HeaderSize..];
        if (identityBytes > body.Length)
        {
            return DropDatagram(FlowDatagramStatus.BadIdentities, sequence);
        }

        // The header's count is a claim; only the records the datagram actually holds are decoded or counted, so a
        // 16-byte datagram claiming 65,535 records costs one cut record, not 65,535 (nor room for them).
        var records = body[identityBytes..];
        int whole = records.Length / FlowBinaryFormat.RecordSize;
        int present = Math.Min(recordCount, whole);
        bool cut = recordCount > whole;
        if (present > destination.Length)
        {
            return new FlowDatagramResult(FlowDatagramStatus.DestinationTooSmall, 0, 0, sequence, FlowRecordError.None, -1);
        }

        if (!ReadIdentities(body[..identityBytes], identityCount))
        {
            return DropDatagram(FlowDatagramStatus.BadIdentities, sequence);
        }

        int decoded = 0;
        int dropped = 0;
        var firstError = FlowRecordError.None;
        int firstErrorIndex = -1;
        for (int i = 0; i < present; i++)
        {
            var error = DecodeRecord(records.Slice(i * FlowBinaryFormat.RecordSize, FlowBinaryFormat.RecordSize), identityCount, out destination[decoded]);
            if (error == FlowRecordError.None)
            {
                decoded++;
            }
            else
            {
                dropped++;
                if (firstErrorIndex < 0)
                {
                    firstError = error;
                    firstErrorIndex = i;
                }
            }
        }

        if (cut)
        {
            // The datagram ends before its declared records do: one cut record, and the datagram counts as truncated.
            dropped++;
            DatagramsTruncated++;
            if (firstErrorIndex < 0)
            {
                firstError = FlowRecordError.Truncated;
                firstErrorIndex = present;
            }
        }

        DatagramsDecoded++;
        RecordsDecoded += decoded;
        RecordsDropped += dropped;
        return new FlowDatagramResult(FlowDatagramStatus.Ok, decoded, dropped, sequence, firstError, firstErrorIndex);
    }

    private FlowDatagramResult DropDatagram(FlowDatagramStatus status, uint sequence = 0)
    {
        DatagramsDropped++;
        return new FlowDatagramResult(status, 0, 0, sequence, FlowRecordError.None, -1);
    }

    private bool ReadIdentities(ReadOnlySpan<byte> section, int count)
    {
        if (_identities.Length < count)
        {
            _identities = new string[Math.Max(count, _identities.Length * 2)];
        }

        for (int i = 0; i < count; i++)
        {
            if (section.IsEmpty)
            {
                return false;
            }

            int length = section[0];
            if (length == 0 || section.Length < 1 + length || !_names.TryIntern(section.Slice(1, length), out var name))
            {
                return false;
            }

            _identities[i] = name;
            section = section[(1 + length)..];
        }

        // Trailing bytes inside the declared section mean the writer and reader disagree about its layout.
        return section.IsEmpty;
    }

    private FlowRecordError DecodeRecord(ReadOnlySpan<byte> r, int identityCount, out FlowRecord record)
    {
        record = default;
        byte direction = r[37];
        if (direction > (byte)FlowDirection.Server)
        {
            return FlowRecordError.BadDirection;
        }

        long start = BinaryPrimitives.ReadInt64LittleEndian(r[40..]);
        long end = BinaryPrimitives.ReadInt64LittleEndian(r[48..]);
        if (start < 0 || end < start)
        {
            return FlowRecordError.BadTimes;
        }

        ushort identity = BinaryPrimitives.ReadUInt16LittleEndian(r[38..]);
        if (identity != FlowBinaryFormat.NoIdentity && identity >= identityCount)
        {
            return FlowRecordError.BadIdentityIndex;
        }

        record = new FlowRecord
        {
            LocalIp = new IpAddress(BinaryPrimitives.ReadUInt64BigEndian(r), BinaryPrimitives.ReadUInt64BigEndian(r[8..])),
            RemoteIp = new IpAddress(BinaryPrimitives.ReadUInt64BigEndian(r[16..]), BinaryPrimitives.ReadUInt64BigEndian(r[24..])),
            LocalPort = BinaryPrimitives.ReadUInt16LittleEndian(r[32..]),
            RemotePort = BinaryPrimitives.ReadUInt16LittleEndian(r[34..]),
            Protocol = (FlowProtocol)r[36],
            Direction = (FlowDirection)direction,
            StartUnixMs = start,
            EndUnixMs = end,
            BytesSent = BinaryPrimitives.ReadUInt64LittleEndian(r[56..]),
            BytesReceived = BinaryPrimitives.ReadUInt64LittleEndian(r[64..]),
            PacketsSent = BinaryPrimitives.ReadUInt32LittleEndian(r[72..]),
            PacketsReceived = BinaryPrimitives.ReadUInt32LittleEndian(r[76..]),
            Retransmits = BinaryPrimitives.ReadUInt32LittleEndian(r[80..]),
            SmoothedRttMicros = BinaryPrimitives.ReadUInt32LittleEndian(r[84..]),
            LocalWorkload = identity == FlowBinaryFormat.NoIdentity ? null : _identities[identity],
        };
        return FlowRecordError.None;
    }
}
