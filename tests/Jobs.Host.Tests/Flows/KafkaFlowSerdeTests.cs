using System.Buffers;
using System.Text.Json;
using StreamJobs.FlowEnricher;
using StreamJobs.FlowEnricher.Ownership;
using StreamJobs.Host.Connectors.Flows;
using StreamJobs.Telemetry.Flows;

namespace StreamJobs.Host.Tests.Flows;

/// <summary>The record formats of the ownership and enriched-flows topics.</summary>
public sealed class KafkaFlowSerdeTests
{
    private static byte[] Write<T>(StreamJobs.Kafka.Serialization.IKafkaSerializer<T> serializer, T record)
    {
        var buffer = new ArrayBufferWriter<byte>();
        serializer.Serialize(record, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    [Fact]
    public void Ownership_events_round_trip_and_the_key_is_the_whole_event()
    {
        var events = new[]
        {
            new OwnershipEvent(IpAddress.Parse("10.1.2.3"), "checkout", 1_700_000_000_000, OwnershipChange.Assigned),
            new OwnershipEvent(IpAddress.Parse("fd00::7"), "zahlungsdienst-ü", 0, OwnershipChange.Unassigned),
        };
        foreach (var e in events)
        {
            Assert.True(OwnershipEventSerde.Instance.TryDeserialize(Write(OwnershipEventSerde.Instance, e), out var read, out var error), error);
            Assert.Equal(e, read);
        }

        Assert.Equal("10.1.2.3|1700000000000|a|checkout", OwnershipEventSerde.KeyOf(events[0]));
        // A handover at one instant is two records that compaction must both keep: their keys differ.
        var handover = new[] { events[0] with { Change = OwnershipChange.Unassigned }, events[0] with { Workload = "cart" } };
        Assert.Equal(3, events.Take(1).Concat(handover).Select(OwnershipEventSerde.KeyOf).Distinct().Count());
    }

    [Fact]
    public void Malformed_ownership_values_are_rejected_with_a_reason()
    {
        var good = Write(OwnershipEventSerde.Instance, new OwnershipEvent(IpAddress.Parse("10.1.2.3"), "a", 5, OwnershipChange.Assigned));
        var badVersion = (byte[])good.Clone();
        badVersion[0] = 9;
        var badChange = (byte[])good.Clone();
        badChange[1] = 3;
        var negative = (byte[])good.Clone();
        negative[25] = 0x80;
        byte[] badUtf8 = [.. good[..^1], 0xFF];
        foreach (var (value, reason) in new[] { (good[..26], "at least 27 bytes"), (badVersion, "version 9"), (badChange, "change 3"), (negative, "negative"), (badUtf8, "UTF-8") })
        {
            Assert.False(OwnershipEventSerde.Instance.TryDeserialize(value, out _, out var error));
            Assert.Contains(reason, error);
        }

        Assert.Throws<ArgumentException>(() => Write(OwnershipEventSerde.Instance, new OwnershipEvent(IpAddress.Parse("10.1.2.3"), "", 5, OwnershipChange.Assigned)));
    }

    [Fact]
    public void Enriched_flows_are_written_as_one_json_object_keyed_by_flow_key()
    {
        var flow = new FlowRecord
        {
            LocalIp = IpAddress.Parse("10.0.0.1"), LocalPort = 40_000, RemoteIp = IpAddress.Parse("203.0.113.9"), RemotePort = 443,
            Protocol = FlowProtocol.Tcp, StartUnixMs = 1_000, EndUnixMs = 2_000, BytesSent = 10, SmoothedRttMicros = 900,
        };
        var enriched = new EnrichedFlow(flow, "checkout", null, AttributionSource.Heartbeat, AttributionSource.Unknown, Waited: true);
        using var json = JsonDocument.Parse(Write(EnrichedFlowSerde.Instance, enriched));
        var root = json.RootElement;
        Assert.Equal(("10.0.0.1", 40_000, "203.0.113.9", 443, "tcp", "unknown"), (root.GetProperty("localIp").GetString(), root.GetProperty("localPort").GetInt32(),
            root.GetProperty("remoteIp").GetString(), root.GetProperty("remotePort").GetInt32(), root.GetProperty("protocol").GetString(), root.GetProperty("direction").GetString()));
        Assert.Equal(("checkout", JsonValueKind.Null, "heartbeat", "unknown", true), (root.GetProperty("localApp").GetString(), root.GetProperty("remoteApp").ValueKind,
            root.GetProperty("localSource").GetString(), root.GetProperty("remoteSource").GetString(), root.GetProperty("waited").GetBoolean()));
        Assert.Equal((1_000, 2_000, 10, 900), (root.GetProperty("startMs").GetInt64(), root.GetProperty("endMs").GetInt64(), root.GetProperty("bytesSent").GetInt64(), root.GetProperty("srttUs").GetInt64()));
        Assert.Equal("10.0.0.1|40000|203.0.113.9|443|6", EnrichedFlowSerde.KeyOf(enriched));
    }
}
