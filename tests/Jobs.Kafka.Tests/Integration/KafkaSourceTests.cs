using System.Diagnostics;
using StreamJobs.Acknowledgement;
using StreamJobs.Kafka.Serialization;
using StreamJobs.Kafka.Tests.Support;
using StreamJobs.Streams;
using StreamJobs.Telemetry.Spans;
using Xunit.Abstractions;

namespace StreamJobs.Kafka.Tests.Integration;

public sealed class KafkaSourceTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Committed_offsets_are_the_lowest_incomplete_position_of_each_partition()
    {
        var topic = KafkaTestEnvironment.CreateTopic(3);
        for (var p = 0; p < 3; p++) KafkaTestEnvironment.ProduceRaw(topic, p, Enumerable.Range(0, 20).Select(i => TextRecord.Make(p, i)));
        var settings = KafkaTestEnvironment.Consumer(topic);
        await using var materializer = new Materializer();
        var collector = new Collector<TextRecord>(r => r.Receipt) { CompleteWhen = _ => false };
        var control = KafkaSource.Committable(settings, TextSerde.Instance).To(collector.Sink()).Run(materializer);
        await collector.WaitForAsync(60);

        // Out of order: partition 0 completes everything but 7; partition 1 everything but 0; partition 2 all but 19, backwards.
        var holdBack = new Dictionary<int, int> { [0] = 7, [1] = 0, [2] = 19 };
        foreach (var record in collector.Items.OrderByDescending(r => r.Sequence))
        {
            if (record.Sequence != holdBack[record.Partition]) record.Receipt.Complete();
        }

        var expected = new Dictionary<int, long> { [0] = 7, [1] = 0, [2] = 19 };
        var deadline = DateTime.UtcNow.AddSeconds(20);
        Dictionary<int, long> committed;
        do
        {
            await Task.Delay(200);
            committed = control.CommittedOffsets.ToDictionary(c => c.Key.Partition.Value, c => c.Value);
        }
        while (!(committed.Count == 3 && committed[0] == 7 && committed[2] == 19) && DateTime.UtcNow < deadline);
        Assert.Equal(7, committed[0]);
        Assert.Equal(0, committed[1]); // its first record is out: nothing is past the start
        Assert.Equal(19, committed[2]);

        foreach (var record in collector.Items) record.Receipt.Complete();
        await materializer.ShutdownAsync();
        await control.Stopped;
        Assert.Equal(new Dictionary<int, long> { [0] = 20, [1] = 20, [2] = 20 }, KafkaTestEnvironment.Committed(topic, settings.GroupId, 3));
        Assert.Equal(expected, committed);
    }

    [Fact]
    public async Task After_an_abort_every_incomplete_record_is_delivered_again_and_committed_ones_are_not()
    {
        var topic = KafkaTestEnvironment.CreateTopic(3);
        for (var p = 0; p < 3; p++) KafkaTestEnvironment.ProduceRaw(topic, p, Enumerable.Range(0, 100).Select(i => TextRecord.Make(p, i)));
        var settings = KafkaTestEnvironment.Consumer(topic);

        // First run: complete everything except a few records per partition, then abort mid-stream.
        var holdBack = new HashSet<(int, int)> { (0, 50), (0, 51), (1, 10), (2, 99) };
        var first = new Materializer(new MaterializerSettings { BatchSize = 16 });
        var firstCollector = new Collector<TextRecord>(r => r.Receipt) { CompleteWhen = r => !holdBack.Contains((r.Partition, r.Sequence)) };
        var firstControl = KafkaSource.Committable(settings, TextSerde.Instance).To(firstCollector.Sink()).Run(first);
        await firstCollector.WaitForAsync(300);
        await Task.Delay(600); // at least one periodic commit
        await first.DisposeAsync();
        await firstControl.Stopped.WaitAsync(TimeSpan.FromSeconds(30));

        // Second run, same group: it starts from the committed offsets.
        await using var second = new Materializer(new MaterializerSettings { BatchSize = 16 });
        var secondCollector = new Collector<TextRecord>(r => r.Receipt);
        var secondControl = KafkaSource.Committable(settings, TextSerde.Instance).To(secondCollector.Sink()).Run(second);
        var lowestIncomplete = new Dictionary<int, int> { [0] = 50, [1] = 10, [2] = 99 };
        var expected = lowestIncomplete.Sum(p => 100 - p.Value);
        await secondCollector.WaitForAsync(expected);
        await Task.Delay(500); // anything beyond would show up now
        await second.ShutdownAsync();

        var redelivered = secondCollector.Items.Select(r => (r.Partition, r.Sequence)).ToHashSet();
        Assert.Superset(holdBack.ToHashSet(), redelivered);
        Assert.All(redelivered, r => Assert.True(r.Sequence >= lowestIncomplete[r.Partition], $"{r} was committed but delivered again"));
        Assert.Equal(expected, secondCollector.Count);
        Assert.Equal(3, secondControl.CommittedOffsets.Count);
    }

    [Fact]
    public async Task A_malformed_record_is_dead_lettered_completed_and_the_stream_goes_on()
    {
        var topic = KafkaTestEnvironment.CreateTopic(1);
        var spans = Support.Spans.Many(traces: 5, spansPerTrace: 2);
        var values = new List<string>();
        foreach (var span in spans)
        {
            var buffer = new System.Buffers.ArrayBufferWriter<byte>();
            SpanSerde.Instance.Serialize(span, buffer);
            values.Add(System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
            if (values.Count == 4) values.Add("{\"traceId\": not json");
        }
        KafkaTestEnvironment.ProduceRaw(topic, 0, values);
        var letters = new DeadLetterList();
        await using var materializer = new Materializer(new MaterializerSettings { DeadLetters = letters });
        var settings = KafkaTestEnvironment.Consumer(topic);
        var collector = new Collector<Span>(s => s.Receipt);

        var control = KafkaSource.Spans(settings).To(collector.Sink()).Run(materializer);
        await collector.WaitForAsync(spans.Count);
        await materializer.ShutdownAsync();
        await control.Stopped;

        Assert.Equal(spans.Count, collector.Count);
        Assert.Equal(1, control.DeadLettered);
        var letter = Assert.Single(letters.Items);
        var record = Assert.IsType<KafkaDeadLetter>(letter.Record);
        Assert.Equal(4, record.Offset);
        Assert.Equal("{\"traceId\": not json", System.Text.Encoding.UTF8.GetString(record.Value));
        Assert.IsType<KafkaRecordFormatException>(letter.Error);
        Assert.Equal(values.Count, KafkaTestEnvironment.Committed(topic, settings.GroupId, 1)[0]);
    }

    [Theory]
    [InlineData("cooperative-sticky")]
    [InlineData("range")]
    public async Task Two_consumers_of_one_group_split_the_partitions(string assignment)
    {
        var topic = KafkaTestEnvironment.CreateTopic(3);
        var settings = KafkaTestEnvironment.Consumer(topic);
        settings.PartitionAssignment = assignment;
        await using var one = new Materializer();
        await using var two = new Materializer();
        var listener = new RecordingRebalanceListener();
        var a = KafkaSource.Committable(settings, TextSerde.Instance, listener).To(Sink.Ignore<TextRecord>()).Run(one);
        await Eventually(() => a.Assignment.Count == 3, "the first member to take all 3 partitions");
        var b = KafkaSource.Committable(settings, TextSerde.Instance).To(Sink.Ignore<TextRecord>()).Run(two);

        await Eventually(() => a.Assignment.Count > 0 && b.Assignment.Count > 0 && a.Assignment.Count + b.Assignment.Count == 3, "the two members to split 3 partitions");
        Assert.Empty(a.Assignment.Intersect(b.Assignment));
        Assert.Equal(3, a.Assignment.Union(b.Assignment).Select(p => p.Partition.Value).Distinct().Count());
        // The first member heard its partitions leave (the hook keyed stateful jobs flush on): under the cooperative
        // protocol only those b took, under the eager one all three, to be assigned again.
        var revoked = Assert.Single(listener.Revoking);
        Assert.Equal(assignment == "range" ? 3 : b.Assignment.Count, revoked.Count);
        Assert.Equal(a.Assignment.Count, listener.Assigned.Sum(p => p.Count) - (assignment == "range" ? 3 : revoked.Count));
        await one.ShutdownAsync();
        await two.ShutdownAsync();
    }

    [Fact]
    public async Task Revoked_partitions_are_handed_off_so_held_records_are_released_and_replayed_by_the_next_owner()
    {
        var topic = KafkaTestEnvironment.CreateTopic(3);
        for (var p = 0; p < 3; p++) KafkaTestEnvironment.ProduceRaw(topic, p, Enumerable.Range(0, 10).Select(i => TextRecord.Make(p, i)));
        var settings = KafkaTestEnvironment.Consumer(topic);
        settings.RevokeDrainTimeout = TimeSpan.FromSeconds(30); // released records must not be waited for
        var handoff = new ReceiptHandoff();
        await using var one = new Materializer();
        await using var two = new Materializer();
        // The first member holds every record, as a keyed buffer would, and releases what the handoff revokes.
        var held = new Collector<TextRecord>(r => r.Receipt) { CompleteWhen = _ => false };
        var a = KafkaSource.Committable(settings, TextSerde.Instance, handoff: handoff).To(held.Sink()).Run(one);
        await held.WaitForAsync(30);
        using var releasing = new CancellationTokenSource();
        var released = new System.Collections.Concurrent.ConcurrentBag<TextRecord>();
        var stage = Task.Run(async () =>
        {
            var seen = 0;
            while (!releasing.IsCancellationRequested)
            {
                if (handoff.Version != seen)
                {
                    seen = handoff.Version;
                    foreach (var record in held.Items.Where(r => handoff.IsRevoked(r.Receipt) && !released.Contains(r)))
                    {
                        record.Receipt.Release();
                        released.Add(record);
                    }
                }
                await Task.Delay(10);
            }
        });

        var joined = Stopwatch.StartNew();
        var replayed = new Collector<TextRecord>(r => r.Receipt);
        var b = KafkaSource.Committable(settings, TextSerde.Instance).To(replayed.Sink()).Run(two);
        await Eventually(() => b.Assignment.Count > 0 && a.Assignment.Count + b.Assignment.Count == 3, "the two members to split 3 partitions");
        joined.Stop();
        var moved = b.Assignment.Select(p => p.Partition.Value).ToHashSet();
        await replayed.WaitForAsync(10 * moved.Count);
        releasing.Cancel();
        await stage;

        Assert.True(joined.Elapsed < TimeSpan.FromSeconds(25), $"the revoke waited for released records ({joined.Elapsed})");
        Assert.Equal(moved, released.Select(r => r.Partition).ToHashSet()); // exactly the moved partitions were handed off
        Assert.Equal(10 * moved.Count, released.Count);
        // Nothing of a moved partition was committed, so the new owner read all of it again.
        Assert.Equal(moved.SelectMany(p => Enumerable.Range(0, 10).Select(i => (p, i))).Order(), replayed.Items.Select(r => (r.Partition, r.Sequence)).Order());
        await one.ShutdownAsync();
        await two.ShutdownAsync();
    }

    [Fact]
    public async Task A_full_receipt_window_pauses_the_partition_until_receipts_complete()
    {
        var topic = KafkaTestEnvironment.CreateTopic(1);
        KafkaTestEnvironment.ProduceRaw(topic, 0, Enumerable.Range(0, 500).Select(i => TextRecord.Make(0, i)));
        var settings = KafkaTestEnvironment.Consumer(topic);
        settings.MaxInFlightPerPartition = 64;
        var release = false;
        await using var materializer = new Materializer(new MaterializerSettings { BatchSize = 16 });
        var collector = new Collector<TextRecord>(r => r.Receipt) { CompleteWhen = _ => Volatile.Read(ref release) };
        var control = KafkaSource.Committable(settings, TextSerde.Instance).To(collector.Sink()).Run(materializer);

        await collector.WaitForAsync(64);
        await Task.Delay(1000);
        Assert.Equal(64, collector.Count);
        Assert.True(control.Pauses >= 1);

        Volatile.Write(ref release, true);
        foreach (var record in collector.Items) record.Receipt.Complete();
        await collector.WaitForAsync(500);
        Assert.Equal(Enumerable.Range(0, 500), collector.Items.Select(r => r.Sequence));
        await materializer.ShutdownAsync();
    }

    [Fact]
    public async Task Consume_throughput_is_measured()
    {
        const int count = 100_000;
        var topic = KafkaTestEnvironment.CreateTopic(3);
        var spans = Support.Spans.Many(traces: count / 10, spansPerTrace: 10);
        await using var materializer = new Materializer();
        var produce = Stopwatch.StartNew();
        await Source.From(spans).RunWith(KafkaSink.Spans(KafkaTestEnvironment.Producer(topic)), materializer);
        produce.Stop();

        var collector = new Collector<Span>(s => s.Receipt);
        var consume = Stopwatch.StartNew();
        var control = KafkaSource.Spans(KafkaTestEnvironment.Consumer(topic)).To(collector.Sink()).Run(materializer);
        await collector.WaitForAsync(count, TimeSpan.FromSeconds(120));
        consume.Stop();
        await materializer.ShutdownAsync();

        var produceRate = count / produce.Elapsed.TotalSeconds;
        var consumeRate = count / consume.Elapsed.TotalSeconds;
        output.WriteLine($"produced {count} spans in {produce.Elapsed.TotalSeconds:F2} s ({produceRate:F0}/s); consumed (incl. group join) in {consume.Elapsed.TotalSeconds:F2} s ({consumeRate:F0}/s)");
        Console.WriteLine($"[kafka-throughput] produce {produceRate:F0} spans/s, consume {consumeRate:F0} spans/s");
        Assert.Equal(count, control.Consumed);
        Assert.True(consumeRate > 2_000, $"consume rate {consumeRate:F0}/s");
    }

    private static async Task Eventually(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(45);
        while (!condition() && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.True(condition(), $"timed out waiting for {what}");
    }
}
