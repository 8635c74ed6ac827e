using System.Buffers.Binary;
using System.Text;

namespace StreamJobs.Telemetry.Flows;

/// <summary>
/// Writes flow datagrams (<see cref="FlowBinaryFormat"/>): as many records as fit, each distinct local identity
/// written once in the identity section. Not thread-safe.
/// </summary>
public sealed class FlowDatagramEncoder
{
    private readonly Dictionary<string, ushort> _identityIndex = new(StringComparer.Ordinal);
    private readonly List<string> _identityOrder = [];

    /// <summary>
    /// Encodes a prefix of <paramref name="records"/> into <paramref name="destination"/>.
    /// Returns the datagram length; <paramref name="recordsWritten"/> tells how many records it holds.
    /// </summary>
    /// <exception cref="ArgumentException">The destination cannot hold a header, or an identity is empty or longer than 255 UTF-8 bytes.</exception>
    public int Encode(ReadOnlySpan<FlowRecord> records, Span<byte> destination, uint sequence, out int recordsWritten)
    {
        if (destination.Length < FlowBinaryFormat.HeaderSize)
        {
            throw new ArgumentException("The destination cannot hold a datagram header.", nameof(destination));
        }

        _identityIndex.Clear();
        _identityOrder.Clear();
        int identityBytes = 0;
        int count = 0;
        int maxRecords = Math.Min(records.Length, ushort.MaxValue);
        while (count < maxRecords)
        {
            int extra = 0;
            var identity = records[count].LocalWorkload;
            if (identity is not null && !_identityIndex.ContainsKey(identity))
            {
                int length = Encoding.UTF8.GetByteCount(identity);
                if (length is 0 or > FlowBinaryFormat.MaxIdentityBytes)
                {
                    throw new ArgumentException($"Record {count}: identity must be 1-255 UTF-8 bytes.", nameof(records));
                }

                extra = 1 + length;
            }

            int needed = FlowBinaryFormat.HeaderSize + identityBytes + extra + ((count + 1) * FlowBinaryFormat.RecordSize);
            if (needed > destination.Length || identityBytes + extra > ushort.MaxValue || _identityOrder.Count == FlowBinaryFormat.NoIdentity)
            {
                break;
            }

            if (extra > 0)
            {
                _identityIndex.Add(identity!, (ushort)_identityOrder.Count);
                _identityOrder.Add(identity!);
                identityBytes += extra;
            }

            count++;
        }

        BinaryPrimitives.WriteUInt32LittleEndian(destination, FlowBinaryFormat.Magic);
        destination[4] = FlowBinaryFormat.Version;
        destination[5] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(destination[6..], (ushort)count);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[8..], (ushort)_identityOrder.Count);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[10..], (ushort)identityBytes);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[12..], sequence);
        int p = FlowBinaryFormat.HeaderSize;
        foreach (var identity in _identityOrder)
        {
            int length = Encoding.UTF8.GetBytes(identity, destination[(p + 1)..]);
            destination[p] = (byte)length;
            p += 1 + length;
        }

        for (int i = 0; i < count; i++)
        {
            WriteRecord(records[i], destination.Slice(p, FlowBinaryFormat.RecordSize));
            p += FlowBinaryFormat.RecordSize;
        }

        recordsWritten = count;
        return p;
    }

    private void WriteRecord(in FlowRecord record, Span<byte> r)
    {
        record.LocalIp.WriteBytes(r);
        record.RemoteIp.WriteBytes(r[16..]);
        BinaryPrimitives.WriteUInt16LittleEndian(r[32..], record.LocalPort);
        BinaryPrimitives.WriteUInt16LittleEndian(r[34..], record.RemotePort);
        r[36] = (byte)record.Protocol;
        r[37] = (byte)record.Direction;
        ushort identity = record.LocalWorkload is null ? FlowBinaryFormat.NoIdentity : _identityIndex[record.LocalWorkload];
        BinaryPrimitives.WriteUInt16LittleEndian(r[38..], identity);
        BinaryPrimitives.WriteInt64LittleEndian(r[40..], record.StartUnixMs);
        BinaryPrimitives.WriteInt64LittleEndian(r[48..], record.EndUnixMs);
        BinaryPrimitives.WriteUInt64LittleEndian(r[56..], record.BytesSent);
        BinaryPrimitives.WriteUInt64LittleEndian(r[64..], record.BytesReceived);
        BinaryPrimitives.WriteUInt32LittleEndian(r[72..], record.PacketsSent);
        BinaryPrimitives.WriteUInt32LittleEndian(r[76..], record.PacketsReceived);
        BinaryPrimitives.WriteUInt32LittleEndian(r[80..], record.Retransmits);
        BinaryPrimitives.WriteUInt32LittleEndian(r[84..], record.SmoothedRttMicros);
    }
}
