using Confluent.Kafka;
using StreamJobs.EndToEnd.Tests.Support;
using StreamJobs.Host.Tests.Support;
using StreamJobs.Telemetry.Spans;
using StreamJobs.Telemetry.Synthetic;

namespace StreamJobs.EndToEnd.Tests;

/// <summary>With --kafka, span ingest answers success only once Kafka holds the request's spans.</summary>
public sealed class IngestDeliveryTests : IDisposable
{
    private readonly string _workDirectory = Directory.CreateTempSubdirectory("streamjobs-ingest-").FullName;

    [Fact]
    public async Task A_zipkin_post_is_answered_once_kafka_holds_every_span()
    {
        Servers.EnsureKafkaReachable();
        var topic = await Servers.CreateTopicAsync("e2ei", 2);
        await using var host = Start(Servers.Kafka, topic);
        Assert.True(await host.WaitForHttpAsync("/readyz", TimeSpan.FromSeconds(60)), TracePipeline.Log(host));
        var spans = Spans(40);

        using var response = await ScaleOutEndToEndTests.PostZipkinAsync(host, spans);

        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(spans.Length, EndOffsets(topic, 2)); // already in the topic when the answer came
    }

    [Fact]
    public async Task A_zipkin_post_kafka_never_acknowledges_is_answered_503_with_retry_after()
    {
        // Nothing listens on port 1: the producer queues the spans and never gets an acknowledgement.
        await using var host = Start("127.0.0.1:1", "never-" + Guid.NewGuid().ToString("N")[..8]);
        Assert.True(await host.WaitForHttpAsync("/healthz", TimeSpan.FromSeconds(60)), TracePipeline.Log(host));

        var started = DateTime.UtcNow;
        using var response = await ScaleOutEndToEndTests.PostZipkinAsync(host, Spans(3));

        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Contains("Kafka did not acknowledge them within 1.5 s", await response.Content.ReadAsStringAsync());
        Assert.InRange(DateTime.UtcNow - started, TimeSpan.FromSeconds(1.4), TimeSpan.FromSeconds(30));
    }

    private HostProcess Start(string kafka, string topic) => HostProcess.Start(_workDirectory,
        "run", "--kafka",
        $"--StreamJobs:Kafka:BootstrapServers={kafka}",
        "--StreamJobs:Kafka:LegacyBroker=true",
        $"--StreamJobs:Kafka:SpansTopic={topic}",
        $"--StreamJobs:Kafka:GroupId=g-{topic}",
        "--StreamJobs:Kafka:Flows=false",
        "--StreamJobs:Jobs:span-ingest:DeliveryTimeout=00:00:01.500",
        "--StreamJobs:Flows:UdpPort=0");

    private static Span[] Spans(int traces)
    {
        var spans = new List<Span>();
        new SyntheticTraceGenerator(5).Generate(traces, DateTimeOffset.UtcNow, spans);
        return [.. spans];
    }

    private static long EndOffsets(string topic, int partitions)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(Servers.Legacy(new ConsumerConfig { BootstrapServers = Servers.Kafka, GroupId = "end-" + topic })).Build();
        return Enumerable.Range(0, partitions).Sum(p => consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), TimeSpan.FromSeconds(10)).High.Value);
    }

    public void Dispose() => Directory.Delete(_workDirectory, recursive: true);
}
