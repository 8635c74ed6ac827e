using System.Buffers;
using StreamJobs.Acknowledgement;
using StreamJobs.Kafka.Serialization;
using StreamJobs.Telemetry.Flows;

namespace StreamJobs.Kafka.Tests.Serialization;

public sealed class FlowSerdeTests
{
    private static readonly FlowRecord V6 = new()
    {
        LocalIp = IpAddress.Parse("fd00::12"),
        LocalPort = 443,
        RemoteIp = IpAddress.Parse("2001:db8::1"),
        RemotePort = 51234,
        Protocol = FlowProtocol.Udp,
        Direction = FlowDirection.Server,
        StartUnixMs = 1_700_000_000_123,
        EndUnixMs = 1_700_000_010_456,
        BytesSent = ulong.MaxValue,
        BytesReceived = 7,
        PacketsSent = 3,
        PacketsReceived = uint.MaxValue,
        Retransmits = 2,
        SmoothedRttMicros = 1500,
        LocalWorkload = "checkout",
    };

    private static byte[] Write(FlowRecord flow)
    {
        var buffer = new ArrayBufferWriter<byte>();
        FlowSerde.Instance.Serialize(flow, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    [Fact]
    public void A_flow_round_trips_through_one_datagram_with_its_identity()
    {
        var v4 = V6 with { LocalIp = IpAddress.FromV4(10, 0, 0, 1), RemoteIp = IpAddress.FromV4(203, 0, 113, 9), LocalWorkload = null, Protocol = FlowProtocol.Tcp };
        foreach (var flow in new[] { V6, v4 })
        {
            var value = Write(flow);
            Assert.Equal(flow.LocalWorkload is null ? FlowBinaryFormat.HeaderSize + FlowBinaryFormat.RecordSize : FlowBinaryFormat.HeaderSize + 1 + 8 + FlowBinaryFormat.RecordSize, value.Length);
            Assert.True(FlowSerde.Instance.TryDeserialize(value, out var read, out var error), error);
            Assert.Equal(flow, read);
        }
    }

    [Fact]
    public void The_receipt_is_attached_by_the_source_and_not_written()
    {
        var tracker = new NullTracker();
        var withReceipt = FlowSerde.Instance.WithReceipt(V6, new Receipt(tracker, 42));
        Assert.Equal(42, FlowSerde.ReceiptOf(withReceipt).Position);
        Assert.Equal(Write(V6), Write(withReceipt));
    }

    [Fact]
    public void The_key_is_the_flow_five_tuple()
    {
        Assert.Equal("fd00::12|443|2001:db8::1|51234|17", FlowSerde.KeyOf(V6));
        Assert.Equal("10.0.0.1|1|10.0.0.2|2|6", FlowSerde.KeyOf(new FlowRecord { LocalIp = IpAddress.FromV4(10, 0, 0, 1), LocalPort = 1, RemoteIp = IpAddress.FromV4(10, 0, 0, 2), RemotePort = 2, Protocol = FlowProtocol.Tcp }));
    }

    [Fact]
    public void Malformed_values_are_rejected_with_a_reason()
    {
        var good = Write(V6);
        var twoRecords = new byte[FlowSerde.MaxValueSize * 2];
        var length = new FlowDatagramEncoder().Encode([V6, V6], twoRecords, 0, out _);
        var badMagic = (byte[])good.Clone();
        badMagic[0] ^= 0xFF;
        var badRecord = (byte[])good.Clone();
        badRecord[^(FlowBinaryFormat.RecordSize - 37)] = 9; // direction 9
        foreach (var (value, reason) in new[]
        {
            (Array.Empty<byte>(), "TooShort"),
            (twoRecords[..length], "exactly one record, found 2"),
            (badMagic, "BadMagic"),
            (good[..^1], "Truncated"),
            (badRecord, "BadDirection"),
        })
        {
            Assert.False(FlowSerde.Instance.TryDeserialize(value, out _, out var error));
            Assert.Contains(reason, error);
        }
    }

    private sealed class NullTracker : IReceiptTracker
    {
        public void Complete(long position)
        {
        }
    }
}
