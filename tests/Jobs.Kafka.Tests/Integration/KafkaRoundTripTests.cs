using StreamJobs.Kafka.Tests.Support;
using StreamJobs.Streams;
using StreamJobs.Telemetry.Spans;

namespace StreamJobs.Kafka.Tests.Integration;

public sealed class KafkaRoundTripTests
{
    [Fact]
    public async Task Spans_written_by_the_sink_come_back_through_the_source_with_receipts()
    {
        var topic = KafkaTestEnvironment.CreateTopic(3);
        var spans = Support.Spans.Many(traces: 50, spansPerTrace: 4);
        await using var materializer = new Materializer(new MaterializerSettings { BatchSize = 64 });

        await Source.From(spans).RunWith(KafkaSink.Spans(KafkaTestEnvironment.Producer(topic)), materializer);

        var collector = new Collector<Span>(s => s.Receipt);
        var control = KafkaSource.Spans(KafkaTestEnvironment.Consumer(topic)).To(collector.Sink()).Run(materializer);
        await collector.WaitForAsync(spans.Count);
        await materializer.ShutdownAsync();
        await control.Stopped;

        var sent = spans.Select(s => $"{s.TraceId}/{s.Id}/{s.Name}/{s.StartTimeUnixNanos}").Order().ToList();
        var received = collector.Items.Select(s => $"{s.TraceId}/{s.Id}/{s.Name}/{s.StartTimeUnixNanos}").Order().ToList();
        Assert.Equal(sent, received);
        Assert.All(collector.Items, s => Assert.False(s.Receipt.IsNone));
        Assert.Equal(spans.Count, control.CommittedOffsets.Values.Sum());
    }

    [Fact]
    public async Task All_spans_of_a_trace_land_on_one_partition_and_traces_spread_over_all()
    {
        var topic = KafkaTestEnvironment.CreateTopic(3);
        var spans = Support.Spans.Many(traces: 60, spansPerTrace: 5);
        await using var materializer = new Materializer(new MaterializerSettings { BatchSize = 32 });
        var settings = KafkaTestEnvironment.Producer(topic);
        settings.Compression = "gzip";

        await Source.From(spans).RunWith(KafkaSink.Spans(settings), materializer);

        var records = KafkaTestEnvironment.ReadAll(topic, spans.Count);
        Assert.Equal(spans.Count, records.Count);
        var partitionsPerKey = records.GroupBy(r => r.Message.Key).ToDictionary(g => g.Key, g => g.Select(r => r.Partition.Value).Distinct().Count());
        Assert.Equal(60, partitionsPerKey.Count);
        Assert.All(partitionsPerKey.Values, count => Assert.Equal(1, count));
        Assert.Equal(3, records.Select(r => r.Partition.Value).Distinct().Count());
        Assert.All(records, r => Assert.Equal(TraceId.Parse(r.Message.Key).ToString(), r.Message.Key));
    }

    [Theory]
    [InlineData("snappy")]
    [InlineData("lz4")]
    public async Task Compressed_batches_are_readable(string compression)
    {
        var topic = KafkaTestEnvironment.CreateTopic(1);
        var spans = Support.Spans.Many(traces: 20, spansPerTrace: 3);
        await using var materializer = new Materializer();
        var settings = KafkaTestEnvironment.Producer(topic);
        settings.Compression = compression;

        await Source.From(spans).RunWith(KafkaSink.Spans(settings), materializer);

        Assert.Equal(spans.Count, KafkaTestEnvironment.ReadAll(topic, spans.Count).Count);
    }

    [Fact]
    public async Task The_sink_completes_receipts_only_after_delivery()
    {
        var source = KafkaTestEnvironment.CreateTopic(1);
        var target = KafkaTestEnvironment.CreateTopic(1);
        KafkaTestEnvironment.ProduceRaw(source, 0, Enumerable.Range(0, 100).Select(i => TextRecord.Make(0, i)));
        await using var materializer = new Materializer(new MaterializerSettings { BatchSize = 16 });
        var group = "copy-" + Guid.NewGuid().ToString("N")[..8];

        var control = KafkaSource.Committable(KafkaTestEnvironment.Consumer(source, group), TextSerde.Instance)
            .To(KafkaSink.Create(KafkaTestEnvironment.Producer(target), TextSerde.Instance, r => r.Text, r => r.Receipt))
            .Run(materializer);
        var copied = KafkaTestEnvironment.ReadAll(target, 100);
        Assert.Equal(100, copied.Count);
        await materializer.ShutdownAsync();
        await control.Stopped;

        Assert.Equal(100, KafkaTestEnvironment.Committed(source, group, 1)[0]);
    }
}
