using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Confluent.Kafka;
using Grpc.Core;
using StreamJobs.EndToEnd.Tests.Support;
using StreamJobs.FlowEnricher.Ownership;
using StreamJobs.Host.Tests.Support;
using StreamJobs.Telemetry.Flows;
using StreamJobs.Telemetry.Spans;
using StreamJobs.Telemetry.Synthetic;

namespace StreamJobs.EndToEnd.Tests;

/// <summary>With --kafka, span ingest (Zipkin, OTLP/gRPC) and flow ingest answer success only once Kafka holds the request's records.</summary>
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

    [Fact]
    public async Task An_otlp_grpc_export_is_answered_once_kafka_holds_every_span()
    {
        Servers.EnsureKafkaReachable();
        var topic = await Servers.CreateTopicAsync("e2eg", 2);
        var grpcPort = HostProcess.FreePort();
        await using var host = Start(Servers.Kafka, topic, grpcPort: grpcPort);
        Assert.True(await host.WaitForHttpAsync("/readyz", TimeSpan.FromSeconds(60)), TracePipeline.Log(host));
        var spans = Enumerable.Range(1, 30).Select(i => OtlpRequests.Span($"5af7183fb1d4cf5f{i / 3:x16}", $"{i:x16}")).ToArray();

        using var client = new OtlpGrpcClient(grpcPort);
        var answer = await client.ExportAsync(OtlpRequests.Request("checkout", spans));

        Assert.Equal(0, answer.PartialSuccess?.RejectedSpans ?? 0);
        Assert.Equal(spans.Length, EndOffsets(topic, 2)); // already in the topic when the answer came
    }

    [Fact]
    public async Task An_otlp_grpc_export_kafka_never_acknowledges_is_answered_unavailable()
    {
        var grpcPort = HostProcess.FreePort();
        await using var host = Start("127.0.0.1:1", "never-" + Guid.NewGuid().ToString("N")[..8], grpcPort: grpcPort);
        Assert.True(await host.WaitForHttpAsync("/healthz", TimeSpan.FromSeconds(60)), TracePipeline.Log(host));

        using var client = new OtlpGrpcClient(grpcPort);
        var refused = await Assert.ThrowsAsync<RpcException>(() => client.ExportAsync(OtlpRequests.OneSpan("5af7183fb1d4cf5f00000000000000ab", "checkout")));

        Assert.Equal(StatusCode.Unavailable, refused.StatusCode);
        Assert.Contains("Kafka did not acknowledge them within 1.5 s", refused.Status.Detail);
    }

    [Fact]
    public async Task Flow_and_ownership_posts_are_answered_once_kafka_holds_every_record()
    {
        Servers.EnsureKafkaReachable();
        var spans = await Servers.CreateTopicAsync("e2eis", 1);
        var flowsTopic = await Servers.CreateTopicAsync("e2eif", 2);
        var ownershipTopic = await Servers.CreateTopicAsync("e2eio", 2, "cleanup.policy=compact");
        await using var host = Start(Servers.Kafka, spans, flowsTopic, ownershipTopic);
        Assert.True(await host.WaitForHttpAsync("/readyz", TimeSpan.FromSeconds(60)), TracePipeline.Log(host));
        var flows = SampleFlows(30);
        var events = flows.Select((f, i) => new OwnershipEvent(f.RemoteIp, "app-" + (i % 3), f.StartUnixMs - 60_000, OwnershipChange.Assigned)).ToArray();

        using var eventsAnswer = await PostAsync(host, "/api/v1/ownership", OwnershipJson(events));
        Assert.Equal(System.Net.HttpStatusCode.Accepted, eventsAnswer.StatusCode);
        Assert.Equal(events.Length, EndOffsets(ownershipTopic, 2)); // already in the topic when the answer came

        using var flowsAnswer = await PostAsync(host, "/api/v1/flows", FlowJsonBatchEncoder.ToUtf8(flows));
        Assert.Equal(System.Net.HttpStatusCode.Accepted, flowsAnswer.StatusCode);
        Assert.Equal(flows.Length, EndOffsets(flowsTopic, 2));
    }

    [Fact]
    public async Task A_flow_post_kafka_never_acknowledges_is_answered_503_with_retry_after()
    {
        await using var host = Start("127.0.0.1:1", "never-" + Guid.NewGuid().ToString("N")[..8], "never-flows", "never-ownership");
        Assert.True(await host.WaitForHttpAsync("/healthz", TimeSpan.FromSeconds(60)), TracePipeline.Log(host));

        var started = DateTime.UtcNow;
        using var response = await PostAsync(host, "/api/v1/flows", FlowJsonBatchEncoder.ToUtf8(SampleFlows(3)));

        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Contains("the flows were taken but Kafka did not acknowledge them within 1.5 s", await response.Content.ReadAsStringAsync());
        Assert.InRange(DateTime.UtcNow - started, TimeSpan.FromSeconds(1.4), TimeSpan.FromSeconds(30));
        Assert.Equal(1, await HostMetrics.SumAsync(host, "streamjobs_flowingest_http_undelivered_total"));
    }

    /// <summary>Starts <c>run --kafka</c>; without flow topics the flow path stays off.</summary>
    private HostProcess Start(string kafka, string topic, string? flowsTopic = null, string? ownershipTopic = null, int? grpcPort = null)
    {
        List<string> args =
        [
            "run", "--kafka",
            $"--StreamJobs:Kafka:BootstrapServers={kafka}",
            "--StreamJobs:Kafka:LegacyBroker=true",
            $"--StreamJobs:Kafka:SpansTopic={topic}",
            $"--StreamJobs:Kafka:GroupId=g-{topic}",
            "--StreamJobs:Jobs:span-ingest:DeliveryTimeout=00:00:01.500",
            "--StreamJobs:Jobs:flow-ingest:DeliveryTimeout=00:00:01.500",
            "--StreamJobs:Flows:UdpPort=0",
        ];
        if (grpcPort is { } port) args.Add($"--StreamJobs:Listeners:OtlpGrpc=http://127.0.0.1:{port}");
        if (flowsTopic is null) args.Add("--StreamJobs:Kafka:Flows=false");
        else args.AddRange([$"--StreamJobs:Kafka:FlowsTopic={flowsTopic}", $"--StreamJobs:Kafka:OwnershipTopic={ownershipTopic}"]);
        return HostProcess.Start(_workDirectory, [.. args]);
    }

    private static FlowRecord[] SampleFlows(int count)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        return Enumerable.Range(0, count).Select(i => new FlowRecord
        {
            LocalIp = IpAddress.Parse("10.1.0.1"),
            LocalPort = (ushort)(40_000 + i),
            RemoteIp = IpAddress.Parse($"10.2.0.{1 + (i % 5)}"),
            RemotePort = 443,
            Protocol = FlowProtocol.Tcp,
            Direction = FlowDirection.Client,
            StartUnixMs = now - 5_000,
            EndUnixMs = now - 4_000,
            BytesSent = (ulong)(100 + i),
            LocalWorkload = "client",
        }).ToArray();
    }

    private static byte[] OwnershipJson(IEnumerable<OwnershipEvent> events) => Encoding.UTF8.GetBytes("[" + string.Join(',', events.Select(e =>
        string.Create(CultureInfo.InvariantCulture, $"{{\"ip\":\"{e.Ip}\",\"workload\":\"{e.Workload}\",\"timestampMs\":{e.TimestampUnixMs},\"change\":\"assigned\"}}"))) + "]");

    private static async Task<HttpResponseMessage> PostAsync(HostProcess host, string path, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return await host.Http.PostAsync(path, content);
    }

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
