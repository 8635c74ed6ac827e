using StreamJobs.Kafka.Tests.Support;
using StreamJobs.Streams;

namespace StreamJobs.Kafka.Tests.Integration;

[Collection(BrokerOutageCollection.Name)]
public sealed class KafkaBrokerOutageTests
{
    [Fact]
    public async Task Source_and_sink_wait_while_the_broker_is_down_and_resume_without_loss()
    {
        var topic = KafkaTestEnvironment.CreateTopic(1);
        KafkaTestEnvironment.ProduceRaw(topic, 0, Enumerable.Range(0, 100).Select(i => TextRecord.Make(0, i)));
        var settings = KafkaTestEnvironment.Consumer(topic);
        var producer = KafkaTestEnvironment.Producer(topic);
        producer.RetryBackoff = TimeSpan.FromMilliseconds(500);
        producer.DeliveryTimeout = TimeSpan.FromSeconds(5);
        await using var materializer = new Materializer(new MaterializerSettings { BatchSize = 16 });
        var collector = new Collector<TextRecord>(r => r.Receipt);
        var control = KafkaSource.Committable(settings, TextSerde.Instance).To(collector.Sink()).Run(materializer);
        await collector.WaitForAsync(100);

        Task written;
        try
        {
            KafkaTestEnvironment.RunScript("stop-kafka.sh");
            // While the broker is away: the sink must hold its records (retrying), the source must keep waiting.
            var more = Enumerable.Range(100, 100).Select(i => new TextRecord { Text = TextRecord.Make(0, i) });
            written = Source.From(more).RunWith(KafkaSink.Create(producer, TextSerde.Instance, r => r.Text), materializer);
            await Task.Delay(TimeSpan.FromSeconds(7));
            Assert.False(written.IsCompleted, "the sink finished while the broker was down");
            Assert.False(control.Stopped.IsCompleted, "the source stopped while the broker was down");
        }
        finally
        {
            KafkaTestEnvironment.RunScript("start-kafka.sh", ("KEEP_DATA", "1"));
        }

        await written.WaitAsync(TimeSpan.FromSeconds(90));
        await collector.WaitForAsync(200, TimeSpan.FromSeconds(90));
        await materializer.ShutdownAsync();
        await control.Stopped;

        var sequences = collector.Items.Select(r => r.Sequence).Distinct().Order().ToList();
        Assert.Equal(Enumerable.Range(0, 200), sequences);
        Assert.Equal(200, KafkaTestEnvironment.Committed(topic, settings.GroupId, 1)[0]);
    }
}
