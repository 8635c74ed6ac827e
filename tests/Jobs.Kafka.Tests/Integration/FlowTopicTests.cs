using System.Diagnostics;
using StreamJobs.Acknowledgement;
using StreamJobs.Kafka.Serialization;
using StreamJobs.Kafka.Tests.Support;
using StreamJobs.Streams;
using StreamJobs.Telemetry.Flows;
using Xunit.Abstractions;

namespace StreamJobs.Kafka.Tests.Integration;

public sealed class FlowTopicTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Flows_round_trip_keyed_by_flow_key_so_every_interval_of_a_connection_shares_a_partition_and_throughput_is_measured()
    {
        const int count = 100_000;
        var topic = KafkaTestEnvironment.CreateTopic(3);
        // 2,000 connections, 50 intervals each; a third carry their local identity.
        var flows = Enumerable.Range(0, count).Select(i =>
        {
            var connection = i % 2_000;
            return new FlowRecord
            {
                LocalIp = IpAddress.FromV4(0x0A00_0000u + (uint)(connection / 10)),
                LocalPort = (ushort)(30_000 + connection),
                RemoteIp = connection % 7 == 0 ? IpAddress.Parse($"fd00::{connection:x}") : IpAddress.FromV4(0x0A01_0000u + (uint)(connection % 97)),
                RemotePort = 443,
                Protocol = FlowProtocol.Tcp,
                Direction = FlowDirection.Client,
                StartUnixMs = 1_700_000_000_000 + (i / 2_000 * 10_000L),
                EndUnixMs = 1_700_000_000_000 + (i / 2_000 * 10_000L) + 9_999,
                BytesSent = (ulong)i,
                SmoothedRttMicros = (uint)(i % 5000),
                LocalWorkload = connection % 3 == 0 ? $"app-{connection % 20}" : null,
            };
        }).ToList();

        await using var materializer = new Materializer();
        var produce = Stopwatch.StartNew();
        await Source.From(flows).RunWith(KafkaSink.Create(KafkaTestEnvironment.Producer(topic), FlowSerde.Instance, FlowSerde.KeyOf, FlowSerde.ReceiptOf), materializer);
        produce.Stop();

        var collector = new Collector<FlowRecord>(FlowSerde.ReceiptOf);
        var consume = Stopwatch.StartNew();
        var control = KafkaSource.Committable(KafkaTestEnvironment.Consumer(topic), FlowSerde.Instance).To(collector.Sink()).Run(materializer);
        await collector.WaitForAsync(count, TimeSpan.FromSeconds(120));
        consume.Stop();
        await materializer.ShutdownAsync();

        var read = collector.Items;
        Assert.All(read, f => Assert.False(f.Receipt.IsNone));
        Assert.Equal(flows.OrderBy(f => f.BytesSent), read.Select(f => f with { Receipt = Receipt.None }).OrderBy(f => f.BytesSent));
        // Every interval of one connection came from one partition (the receipt's tracker is the partition's).
        Assert.All(read.GroupBy(FlowSerde.KeyOf), connection => Assert.Single(connection.Select(f => f.Receipt.Tracker).Distinct()));
        Assert.Equal(3, read.Select(f => f.Receipt.Tracker).Distinct().Count());

        var produceRate = count / produce.Elapsed.TotalSeconds;
        var consumeRate = count / consume.Elapsed.TotalSeconds;
        output.WriteLine($"produced {count} flows in {produce.Elapsed.TotalSeconds:F2} s ({produceRate:F0}/s); consumed (incl. group join) in {consume.Elapsed.TotalSeconds:F2} s ({consumeRate:F0}/s)");
        Console.WriteLine($"[kafka-throughput] produce {produceRate:F0} flows/s, consume {consumeRate:F0} flows/s");
        Assert.Equal(count, control.Consumed);
    }
}
