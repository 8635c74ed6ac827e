using Confluent.Kafka;
using StreamJobs.EndToEnd.Tests.Support;
using StreamJobs.FlowEnricher.Ownership;
using StreamJobs.Host.Tests.Support;
using StreamJobs.Host.Connectors.Flows;
using StreamJobs.Kafka;
using StreamJobs.Streams;
using StreamJobs.Telemetry.Flows;
using Xunit.Abstractions;

namespace StreamJobs.EndToEnd.Tests;

/// <summary>
/// The ownership topic's key against the real broker's log cleaner: keyed by the whole event, compaction removes only
/// duplicates and a replica reading the compacted topic knows every owner at every time; keyed by IP, as a naive
/// design would, compaction erases the history of reused IPs.
/// </summary>
public sealed class OwnershipTopicCompactionTests(ITestOutputHelper output)
{
    private const int Partitions = 2;

    [Fact]
    public async Task Compaction_removes_duplicate_events_only_so_a_replica_reading_the_topic_knows_every_past_owner()
    {
        Servers.EnsureKafkaReachable();
        // Small segments and any dirt cleanable: the cleaner (every 15 s on the broker) compacts all but the active segment.
        string[] config = ["cleanup.policy=compact", "segment.ms=1000", "min.cleanable.dirty.ratio=0.01"];
        var ours = await Servers.CreateTopicAsync("e2ok", Partitions, config);
        var byIp = await Servers.CreateTopicAsync("e2oi", Partitions, config);

        // 40 IPs, each handed A → B → C → back to A (unassign and assign at the same instant), every event ingested twice.
        var t0 = DateTimeOffset.UtcNow.AddHours(-2).ToUnixTimeMilliseconds();
        var events = new List<OwnershipEvent>();
        for (var i = 0; i < 40; i++)
        {
            var ip = IpAddress.FromV4(0x0A00_0100u + (uint)i);
            string[] owners = ["app-a", "app-b", "app-c", "app-a"];
            events.Add(new OwnershipEvent(ip, owners[0], t0, OwnershipChange.Assigned));
            for (var h = 1; h < owners.Length; h++)
            {
                var at = t0 + (h * 600_000);
                events.Add(new OwnershipEvent(ip, owners[h - 1], at, OwnershipChange.Unassigned));
                events.Add(new OwnershipEvent(ip, owners[h], at, OwnershipChange.Assigned));
            }
        }
        var marker = new OwnershipEvent(IpAddress.FromV4(0x0A00_FF01u), "marker", t0, OwnershipChange.Assigned);
        await ProduceAsync(ours, [.. events, .. events], OwnershipEventSerde.KeyOf);
        await ProduceAsync(byIp, [.. events, .. events], e => e.Ip.ToString());
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        // One more record per partition rolls the segment, so the earlier one can be cleaned.
        foreach (var topic in new[] { ours, byIp })
        {
            await ProduceAsync(topic, Enumerable.Range(0, 16).Select(i => marker with { TimestampUnixMs = t0 + i }).ToList(), OwnershipEventSerde.KeyOf);
        }

        var deadline = DateTime.UtcNow.AddSeconds(75);
        var expectedOurs = events.Count + 16;
        int countOurs, countByIp;
        while (((countOurs = CountRecords(ours)) > expectedOurs || (countByIp = CountRecords(byIp)) > 40 + 16) && DateTime.UtcNow < deadline) await Task.Delay(2000);
        countByIp = CountRecords(byIp);
        output.WriteLine($"after compaction: whole-event key {countOurs} records (of {2 * events.Count + 16} written), IP key {countByIp}");
        Assert.True(countOurs == expectedOurs, $"the cleaner should have removed exactly the {events.Count} duplicates within 75 s; {countOurs} records left");

        // A replica starting now reads the compacted topic: its table answers like one that saw every event.
        var full = new IpOwnershipTable();
        foreach (var e in events) full.Apply(e);
        var fromOurs = await ReadTableAsync(ours);
        var fromByIp = await ReadTableAsync(byIp);
        var probes = events.Select(e => e.Ip).Distinct().SelectMany(ip => Enumerable.Range(0, 8).Select(k => (ip, t: t0 + 1 + (k * 300_000)))).ToList();
        Assert.All(probes, p => Assert.Equal(Owner(full, p.ip, p.t), Owner(fromOurs, p.ip, p.t)));
        var wrongByIp = probes.Count(p => Owner(full, p.ip, p.t) != Owner(fromByIp, p.ip, p.t));
        output.WriteLine($"keyed by IP, {wrongByIp} of {probes.Count} past owners are lost");
        Assert.True(wrongByIp > probes.Count / 2, "keying by IP should lose most of the history (or the cleaner did not run)");
    }

    [Fact]
    public async Task A_replica_tombstones_superseded_events_so_the_compacted_topic_keeps_only_what_attribution_within_the_horizon_needs()
    {
        Servers.EnsureKafkaReachable();
        // Tombstones stay for the default delete.retention.ms (a day), so they can be counted even once the cleaner ran.
        string[] config = ["cleanup.policy=compact", "segment.ms=1000", "min.cleanable.dirty.ratio=0.01"];
        var ownership = await Servers.CreateTopicAsync("e2op", Partitions, config);
        var flows = await Servers.CreateTopicAsync("e2opf", Partitions);
        var spans = await Servers.CreateTopicAsync("e2ops", 1);

        // 30 IPs handed a → b → c → a, ten minutes apart, three hours ago; then to d five minutes ago.
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var t0 = now - (3 * 3_600_000);
        var events = new List<OwnershipEvent>();
        for (var i = 0; i < 30; i++)
        {
            var ip = IpAddress.FromV4(0x0A00_0200u + (uint)i);
            (string Owner, long At)[] owners = [("app-a", t0), ("app-b", t0 + 600_000), ("app-c", t0 + 1_200_000), ("app-a", t0 + 1_800_000), ("app-d", now - 300_000)];
            events.Add(new OwnershipEvent(ip, owners[0].Owner, owners[0].At, OwnershipChange.Assigned));
            for (var h = 1; h < owners.Length; h++)
            {
                events.Add(new OwnershipEvent(ip, owners[h - 1].Owner, owners[h].At, OwnershipChange.Unassigned));
                events.Add(new OwnershipEvent(ip, owners[h].Owner, owners[h].At, OwnershipChange.Assigned));
            }
        }
        await ProduceAsync(ownership, events, OwnershipEventSerde.KeyOf);

        // With a 10-minute horizon, the handover to app-a (2.5 h ago) is each IP's latest before it: the 5 events before it go.
        var superseded = 5 * 30;
        var workDirectory = Directory.CreateTempSubdirectory("streamjobs-prune-").FullName;
        await using (var host = HostProcess.Start(workDirectory,
            "run", "--kafka",
            $"--StreamJobs:Kafka:BootstrapServers={Servers.Kafka}",
            "--StreamJobs:Kafka:LegacyBroker=true",
            $"--StreamJobs:Kafka:SpansTopic={spans}",
            $"--StreamJobs:Kafka:GroupId=g-{ownership}",
            $"--StreamJobs:Kafka:FlowsTopic={flows}",
            $"--StreamJobs:Kafka:OwnershipTopic={ownership}",
            "--StreamJobs:Jobs:flow-enricher:Retention=00:05:00", // the horizon may not be below it
            "--StreamJobs:Jobs:kafka-ownership-pruner:Horizon=00:10:00",
            "--StreamJobs:Jobs:kafka-ownership-pruner:Interval=00:00:01",
            "--StreamJobs:Flows:UdpPort=0"))
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (CountRecords(ownership, tombstones: true) < superseded && DateTime.UtcNow < deadline)
            {
                Assert.False(host.HasExited, FlowCluster.Log(host));
                await Task.Delay(500);
            }
            Assert.True(CountRecords(ownership, tombstones: true) == superseded, $"expected {superseded} tombstones:\n{FlowCluster.Log(host)}");
        }
        Directory.Delete(workDirectory, recursive: true);

        // Roll the segments so the cleaner can take the superseded events.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var marker = new OwnershipEvent(IpAddress.FromV4(0x0A00_FF02u), "marker", now - 60_000, OwnershipChange.Assigned);
        await ProduceAsync(ownership, Enumerable.Range(0, 16).Select(i => marker with { TimestampUnixMs = marker.TimestampUnixMs + i }).ToList(), OwnershipEventSerde.KeyOf);
        var kept = events.Count - superseded + 16;
        var cleaned = DateTime.UtcNow.AddSeconds(75);
        int left;
        while ((left = CountRecords(ownership)) > kept && DateTime.UtcNow < cleaned) await Task.Delay(2000);
        output.WriteLine($"{events.Count} events written, {superseded} tombstoned, {left} records left after compaction");
        Assert.True(left == kept, $"the cleaner should have left {kept} events within 75 s; {left} records left");

        // A replica starting now reads the pruned topic: from the horizon on it answers like one that saw every event.
        var full = new IpOwnershipTable();
        foreach (var e in events) full.Apply(e);
        var pruned = await ReadTableAsync(ownership);
        var horizon = now - 600_000;
        var probes = events.Select(e => e.Ip).Distinct().SelectMany(ip => Enumerable.Range(0, 12).Select(k => (ip, t: horizon + (k * 60_000)))).ToList();
        Assert.All(probes, p => Assert.Equal(Owner(full, p.ip, p.t), Owner(pruned, p.ip, p.t)));
        Assert.Equal("app-d", Owner(pruned, events[0].Ip, now));
    }

    private static string? Owner(IpOwnershipTable table, IpAddress ip, long t) => table.TryGetOwner(ip, t, out var owner) ? owner : null;

    private static async Task ProduceAsync(string topic, IReadOnlyList<OwnershipEvent> events, Func<OwnershipEvent, string?> keyOf)
    {
        await using var materializer = new Materializer();
        var settings = new KafkaProducerSettings { BootstrapServers = Servers.Kafka, LegacyBroker = true, Topic = topic, Linger = TimeSpan.FromMilliseconds(2) };
        await Source.From(events).RunWith(KafkaSink.Create(settings, OwnershipEventSerde.Instance, keyOf), materializer);
    }

    private static async Task<IpOwnershipTable> ReadTableAsync(string topic)
    {
        var table = new IpOwnershipTable();
        await using var materializer = new Materializer();
        var settings = new KafkaConsumerSettings { BootstrapServers = Servers.Kafka, LegacyBroker = true, GroupId = "r-" + topic, Topics = [topic] };
        var taken = 0;
        var control = KafkaTopicReader.AllPartitions(settings, topic, OwnershipEventSerde.Instance)
            .To(Sink.ForEachBatch<OwnershipEvent>((batch, _) =>
            {
                lock (table)
                {
                    foreach (var e in batch) table.Apply(e);
                    taken += batch.Count;
                }
                return default;
            }))
            .Run(materializer);
        var caughtUp = await control.CaughtUp.WaitAsync(TimeSpan.FromSeconds(30));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Volatile.Read(ref taken) < caughtUp && DateTime.UtcNow < deadline) await Task.Delay(20);
        await materializer.ShutdownAsync();
        lock (table) return table;
    }

    /// <summary>Records in the topic with a value, or with <paramref name="tombstones"/> the tombstones.</summary>
    private static int CountRecords(string topic, bool tombstones = false)
    {
        using var consumer = new ConsumerBuilder<Ignore, byte[]>(Servers.Legacy(new ConsumerConfig { BootstrapServers = Servers.Kafka, GroupId = "count-" + topic, EnableAutoCommit = false, EnablePartitionEof = true })).Build();
        consumer.Assign(Enumerable.Range(0, Partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var count = 0;
        var ended = 0;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (ended < Partitions && DateTime.UtcNow < deadline)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result is null) continue;
            if (result.IsPartitionEOF) ended++;
            else if (result.Message.Value is null == tombstones) count++;
        }
        return count;
    }
}
