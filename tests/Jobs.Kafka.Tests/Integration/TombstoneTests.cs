using StreamJobs.Kafka.Tests.Support;
using StreamJobs.Streams;

namespace StreamJobs.Kafka.Tests.Integration;

/// <summary>Tombstones (a key with a null value) against the real broker: written by the sink, skipped by the readers.</summary>
public sealed class TombstoneTests
{
    [Fact]
    public async Task The_tombstone_sink_writes_null_values_that_sources_and_readers_skip_and_count()
    {
        var topic = KafkaTestEnvironment.CreateTopic(1);
        await using var materializer = new Materializer(new MaterializerSettings { BatchSize = 8 });
        await Source.From(Enumerable.Range(0, 10).Select(i => new TextRecord { Text = TextRecord.Make(0, i) }))
            .RunWith(KafkaSink.Create(KafkaTestEnvironment.Producer(topic), TextSerde.Instance, r => r.Text), materializer);
        await Source.From(new[] { TextRecord.Make(0, 3), TextRecord.Make(0, 7) }).RunWith(KafkaSink.Tombstones(KafkaTestEnvironment.Producer(topic)), materializer);

        var raw = KafkaTestEnvironment.ReadAll(topic, 12);
        Assert.Equal(12, raw.Count);
        Assert.Equal([TextRecord.Make(0, 3), TextRecord.Make(0, 7)], raw.Where(r => r.Message.Value is null).Select(r => r.Message.Key));

        var settings = KafkaTestEnvironment.Consumer(topic);
        var fromGroup = new Collector<TextRecord>(r => r.Receipt);
        var source = KafkaSource.Committable(settings, TextSerde.Instance).To(fromGroup.Sink()).Run(materializer);
        var fromReader = new Collector<TextRecord>(r => r.Receipt);
        var reader = KafkaTopicReader.AllPartitions(KafkaTestEnvironment.Consumer(topic), topic, TextSerde.Instance).To(fromReader.Sink()).Run(materializer);
        await fromGroup.WaitForAsync(10);
        Assert.Equal(10, await reader.CaughtUp.WaitAsync(TimeSpan.FromSeconds(30))); // the history is the ten records
        await fromReader.WaitForAsync(10);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (KafkaTestEnvironment.Committed(topic, settings.GroupId, 1)[0] < 12 && DateTime.UtcNow < deadline) await Task.Delay(100);
        await materializer.ShutdownAsync();
        await source.Stopped;

        Assert.Equal(2, source.Tombstones);
        Assert.Equal(2, reader.Tombstones);
        Assert.Equal(0, source.DeadLettered + reader.DeadLettered); // a tombstone is no malformed record
        Assert.Equal(10, fromGroup.Count);
        Assert.Equal(10, fromReader.Count);
        Assert.Equal(12, KafkaTestEnvironment.Committed(topic, settings.GroupId, 1)[0]); // committed past the tombstones
    }
}
