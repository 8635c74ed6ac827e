using Confluent.Kafka;
using StreamJobs.Kafka.Serialization;
using StreamJobs.Kafka.Tests.Support;
using StreamJobs.Streams;

namespace StreamJobs.Kafka.Tests.Integration;

public sealed class KafkaTopicReaderTests
{
    [Fact]
    public async Task Every_reader_gets_every_partition_from_the_beginning_and_reports_its_catch_up()
    {
        var topic = KafkaTestEnvironment.CreateTopic(3);
        for (var p = 0; p < 3; p++) KafkaTestEnvironment.ProduceRaw(topic, p, Enumerable.Range(0, 40).Select(i => i == 5 ? "bad" : TextRecord.Make(p, i)));
        var settings = KafkaTestEnvironment.Consumer(topic);

        // Two readers with the same settings (the same group id): no group is joined, so both read everything.
        var dead = new DeadLetterList();
        await using var materializer = new Materializer(new MaterializerSettings { DeadLetters = dead, BatchSize = 16 });
        var first = new Collector<TextRecord>(r => r.Receipt);
        var second = new Collector<TextRecord>(r => r.Receipt);
        var firstControl = KafkaTopicReader.AllPartitions(settings, topic, TextSerde.Instance).To(first.Sink()).Run(materializer);
        var secondControl = KafkaTopicReader.AllPartitions(settings, topic, TextSerde.Instance).To(second.Sink()).Run(materializer);

        Assert.Equal(117, await firstControl.CaughtUp.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(117, await secondControl.CaughtUp.WaitAsync(TimeSpan.FromSeconds(30)));
        await first.WaitForAsync(117);
        await second.WaitForAsync(117);
        Assert.Equal(3, firstControl.Partitions);
        Assert.Equal(3, firstControl.DeadLettered);
        Assert.Equal(6, dead.Items.Count);
        Assert.All(dead.Items, d => Assert.IsType<KafkaRecordFormatException>(d.Error));
        Assert.All(first.Items, r => Assert.True(r.Receipt.IsNone));
        foreach (var collector in new[] { first, second })
        {
            Assert.Equal(
                Enumerable.Range(0, 3).SelectMany(p => Enumerable.Range(0, 40).Where(i => i != 5).Select(i => TextRecord.Make(p, i))).Order(),
                collector.Items.Select(r => r.Text).Order());
        }

        // It keeps following the topic after the catch-up.
        KafkaTestEnvironment.ProduceRaw(topic, 1, ["p1-40", "p1-41"]);
        await first.WaitForAsync(119);
        await second.WaitForAsync(119);
        await materializer.ShutdownAsync();
        // The client needs a group id (the settings' with "-reader"); nothing may be committed under it, or the settings' own.
        foreach (var group in new[] { settings.GroupId + "-reader", settings.GroupId })
            Assert.All(KafkaTestEnvironment.Committed(topic, group, 3).Values, offset => Assert.True(offset < 0, $"the reader committed under {group}"));
    }

    [Fact]
    public async Task An_empty_topic_is_caught_up_at_once_and_a_missing_one_is_waited_for_not_created()
    {
        var empty = KafkaTestEnvironment.CreateTopic(2);
        await using var materializer = new Materializer();
        var collector = new Collector<TextRecord>(r => r.Receipt);
        var control = KafkaTopicReader.AllPartitions(KafkaTestEnvironment.Consumer(empty), empty, TextSerde.Instance).To(collector.Sink()).Run(materializer);
        Assert.Equal(0, await control.CaughtUp.WaitAsync(TimeSpan.FromSeconds(30)));

        var missing = "missing-" + Guid.NewGuid().ToString("N")[..10];
        var waiting = KafkaTopicReader.AllPartitions(KafkaTestEnvironment.Consumer(missing), missing, TextSerde.Instance).To(collector.Sink()).Run(materializer);
        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.False(waiting.CaughtUp.IsCompleted);
        Assert.Equal(0, waiting.Partitions);
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = KafkaTestEnvironment.Bootstrap, ApiVersionRequest = false, BrokerVersionFallback = "0.9.0.1" }).Build();
        Assert.DoesNotContain(admin.GetMetadata(TimeSpan.FromSeconds(5)).Topics, t => t.Topic == missing);
        await materializer.ShutdownAsync();
    }
}
