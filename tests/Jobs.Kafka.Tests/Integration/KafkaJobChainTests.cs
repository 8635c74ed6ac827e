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

    [Fact]
    public async Task Spans_two_jobs_complete_are_committed_only_as_far_as_both_completed_them()
    {
        var input = KafkaTestEnvironment.CreateTopic(1);
        var spans = Support.Spans.Many(traces: 20, spansPerTrace: 5);
        await using (var seed = new Materializer())
        {
            await Source.From(spans).RunWith(KafkaSink.Spans(KafkaTestEnvironment.Producer(input)), seed);
        }

        var registry = new NamedStreamRegistry();
        var consumer = KafkaTestEnvironment.Consumer(input);
        var store = new Collector<Span>(span => span.Receipt);
        // The second store has written only the first half so far; a watcher neither holds nor completes anything.
        var slowStore = new Collector<Span>(span => span.Receipt) { CompleteWhen = span => span.Receipt.Position < 50 };
        var stream = registry.Stream<Span>("spans");
        await using var materializer = new Materializer(new MaterializerSettings { BatchSize = 16 });
        var storing = stream.Subscribe(null, completesReceipts: true).RunWith(store.Sink(), materializer);
        var slowStoring = stream.Subscribe(null, completesReceipts: true).RunWith(slowStore.Sink(), materializer);
        var watching = stream.Subscribe().RunWith(Sink.Ignore<Span>(), materializer);
        var control = KafkaSource.Spans(consumer).To(stream.Publish()).Run(materializer);
        await store.WaitForAsync(spans.Count);
        await slowStore.WaitForAsync(spans.Count);

        await WaitForCommittedAsync(input, consumer.GroupId, 50);
        await Task.Delay(TimeSpan.FromSeconds(1)); // five commit intervals: the first store's completions alone do not move it
        Assert.Equal(50, KafkaTestEnvironment.Committed(input, consumer.GroupId, 1)[0]);

        foreach (var span in slowStore.Items) span.Receipt.Complete();
        await WaitForCommittedAsync(input, consumer.GroupId, spans.Count);
        await materializer.ShutdownAsync();
        await Task.WhenAll(storing, slowStoring, watching, control.Stopped);
    }

    private static async Task WaitForCommittedAsync(string topic, string group, long offset)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        long committed;
        while ((committed = KafkaTestEnvironment.Committed(topic, group, 1)[0]) != offset && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.Equal(offset, committed);
    }
}
