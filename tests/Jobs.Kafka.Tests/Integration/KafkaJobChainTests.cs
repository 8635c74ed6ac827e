using StreamJobs.Jobs;
using StreamJobs.Kafka.Tests.Support;
using StreamJobs.NamedStreams;
using StreamJobs.Streams;
using StreamJobs.Telemetry.Spans;

namespace StreamJobs.Kafka.Tests.Integration;

public sealed class KafkaJobChainTests
{
    [Fact]
    public async Task Spans_from_kafka_through_a_named_stream_to_kafka_commit_only_once_written()
    {
        var input = KafkaTestEnvironment.CreateTopic(3);
        var output = KafkaTestEnvironment.CreateTopic(3);
        var spans = Support.Spans.Many(traces: 40, spansPerTrace: 5);
        await using (var seed = new Materializer())
        {
            await Source.From(spans).RunWith(KafkaSink.Spans(KafkaTestEnvironment.Producer(input)), seed);
        }

        var registry = new NamedStreamRegistry();
        var ingest = new JobContext("ingest", registry);
        var archive = new JobContext("archive", registry);
        var consumer = KafkaTestEnvironment.Consumer(input);
        // What a job author writes: Kafka → named stream, and named stream → Kafka (filtering completes what it drops).
        JobGraph publish = KafkaSource.Spans(consumer).To(ingest.Publish<Span>("spans"));
        JobGraph forward = archive.Subscribe<Span>("spans")
            .Where(span =>
            {
                if (span.Name != "op-4") return true;
                span.Receipt.Complete(); // dropped on purpose: finished with
                return false;
            })
            .To(KafkaSink.Spans(KafkaTestEnvironment.Producer(output)));

        await using var materializer = new Materializer(new MaterializerSettings { BatchSize = 32 });
        var forwarding = forward.Run(materializer, "archive");
        var publishing = publish.Run(materializer, "ingest");
        var written = KafkaTestEnvironment.ReadAll(output, 160);
        await materializer.ShutdownAsync();
        await Task.WhenAll(forwarding, publishing);

        Assert.Equal(160, written.Count);
        Assert.DoesNotContain(written, r => r.Message.Value.Contains("\"op-4\""));
        Assert.Equal(spans.Count, KafkaTestEnvironment.Committed(input, consumer.GroupId, 3).Values.Sum());
    }
}
