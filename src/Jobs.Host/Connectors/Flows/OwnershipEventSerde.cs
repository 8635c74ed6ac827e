using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using StreamJobs.Acknowledgement;
using StreamJobs.FlowEnricher.Ownership;
using StreamJobs.Kafka.Serialization;
using StreamJobs.Telemetry.Flows;

namespace StreamJobs.Host.Connectors.Flows;

/// <summary>
/// Ownership events as records of the compacted ownership topic. Value (binary, little-endian): version (1), change
/// (1 assigned, 2 unassigned), the IP (16 bytes, network order, IPv4-mapped), the time (Unix ms, 8 bytes), then the
/// workload in UTF-8 (1-256 characters). The key is the whole event (<see cref="KeyOf"/>), see there for why.
/// </summary>
internal sealed class OwnershipEventSerde : IKafkaDeserializer<OwnershipEvent>, IKafkaSerializer<OwnershipEvent>
{
    public const byte Version = 1;
    private const int HeaderSize = 2 + 16 + 8;
    private static readonly int MaxValueSize = HeaderSize + Encoding.UTF8.GetMaxByteCount(WorkloadNameTable.MaxNameLength);
    [ThreadStatic] private static WorkloadNameTable? t_names;

    private OwnershipEventSerde()
    {
    }

    public static OwnershipEventSerde Instance { get; } = new();

    /// <summary>
    /// <c>ip|timestampMs|a or u|workload</c>. Compaction keeps only the newest record per key; keyed by IP alone it would
    /// keep only each IP's newest event and erase the history the time-aware join needs (who owned a reused IP at a
    /// flow's start), and keyed by IP and time it would let a later event at the same instant (the unassignment and
    /// assignment of a handover) replace the other. Keyed by the whole event, compaction removes exact duplicates only
    /// (replays, the same event ingested twice), which the ownership table ignores anyway: a replica reading the
    /// compacted topic from the beginning derives exactly the table of a replica that read every record live.
    /// </summary>
    public static string KeyOf(OwnershipEvent ownershipEvent) =>
        $"{ownershipEvent.Ip}|{ownershipEvent.TimestampUnixMs}|{(ownershipEvent.Change == OwnershipChange.Assigned ? 'a' : 'u')}|{ownershipEvent.Workload}";

    public bool TryDeserialize(ReadOnlySpan<byte> value, out OwnershipEvent record, [NotNullWhen(false)] out string? error)
    {
        record = default;
        if (value.Length <= HeaderSize)
        {
            error = $"an ownership event value is at least {HeaderSize + 1} bytes, found {value.Length}";
            return false;
        }

        if (value[0] != Version)
        {
            error = $"unknown ownership event version {value[0]}";
            return false;
        }

        var change = (OwnershipChange)value[1];
        if (change is not (OwnershipChange.Assigned or OwnershipChange.Unassigned))
        {
            error = $"unknown ownership change {value[1]}";
            return false;
        }

        long time = BinaryPrimitives.ReadInt64LittleEndian(value[18..]);
        if (time < 0)
        {
            error = $"negative event time {time}";
            return false;
        }

        var names = t_names ??= new WorkloadNameTable();
        if (!names.TryIntern(value[HeaderSize..], out var workload))
        {
            error = $"the workload is not 1-{WorkloadNameTable.MaxNameLength} characters of UTF-8";
            return false;
        }

        record = new OwnershipEvent(IpAddress.FromBytes(value.Slice(2, 16)), workload, time, change);
        error = null;
        return true;
    }

    /// <summary>The receipt the sink completes once the broker holds the event.</summary>
    public static Receipt ReceiptOf(OwnershipEvent ownershipEvent) => ownershipEvent.Receipt;

    public OwnershipEvent WithReceipt(OwnershipEvent record, Receipt receipt) => record with { Receipt = receipt };

    public void Serialize(OwnershipEvent record, IBufferWriter<byte> output)
    {
        if (string.IsNullOrEmpty(record.Workload) || record.Workload.Length > WorkloadNameTable.MaxNameLength)
        {
            throw new ArgumentException($"An ownership event needs a workload of 1-{WorkloadNameTable.MaxNameLength} characters.", nameof(record));
        }

        var destination = output.GetSpan(MaxValueSize);
        destination[0] = Version;
        destination[1] = (byte)record.Change;
        record.Ip.WriteBytes(destination[2..]);
        BinaryPrimitives.WriteInt64LittleEndian(destination[18..], record.TimestampUnixMs);
        int length = Encoding.UTF8.GetBytes(record.Workload, destination[HeaderSize..]);
        output.Advance(HeaderSize + length);
    }
}
