using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using StreamJobs.FlowEnricher;
using StreamJobs.FlowEnricher.Ownership;
using StreamJobs.FlowEnricher.Synthetic;
using StreamJobs.Host.Tests.Support;
using StreamJobs.Telemetry.Flows;

namespace StreamJobs.EndToEnd.Tests.Support;

/// <summary>
/// One scale-out run of the flow path: its own flows, ownership (compacted) and enriched-flows topics and groups, a
/// deterministic synthetic scenario, the single-process reference attribution, and <c>streamjobs run --kafka</c> hosts
/// started against them, fed through their HTTP ingest.
/// </summary>
internal sealed class FlowCluster : IAsyncDisposable
{
    public const int Partitions = 3;
    private readonly string _workDirectory = Directory.CreateTempSubdirectory("streamjobs-flows-e2e-").FullName;
    private readonly List<HostProcess> _hosts = [];

    private FlowCluster(string flowsTopic, string ownershipTopic, string enrichedTopic, IReadOnlyList<OwnershipEvent> events, IReadOnlyList<FlowRecord> flows)
    {
        FlowsTopic = flowsTopic;
        OwnershipTopic = ownershipTopic;
        EnrichedTopic = enrichedTopic;
        Group = "g-" + flowsTopic;
        Events = events;
        Flows = flows;
        Reference = FlowAttribution.Reference(Parameters, events, flows, oneBatch: true);
        Output = new EnrichedFlowCollector(enrichedTopic, Partitions);
    }

    /// <summary>The enricher parameters of every host and of the reference: short waits, the scenario's external blocks.</summary>
    public static FlowEnricherParameters Parameters { get; } = new()
    {
        // Long enough that the replica killed mid-stream still holds waiting flows when the kill lands on a busy runner.
        MaxWait = TimeSpan.FromSeconds(4),
        MaxEventLateness = TimeSpan.FromSeconds(1),
        AuthoritativeBlocks = [.. SyntheticFlowGenerator.CidrBlocks.Select(b => $"{b.Cidr}={b.Owner}")],
        FallbackBlocks = [$"{FallbackBlock}.0/24=partner"],
    };

    /// <summary>A block used only after a flow waited <c>MaxWait</c> in vain: flows to it sit in the attributor, uncommitted.</summary>
    public const string FallbackBlock = "198.51.100";

    /// <summary>Every how many flows one goes to the fallback block.</summary>
    public const int WaitingEvery = 20;

    public string FlowsTopic { get; }

    public string OwnershipTopic { get; }

    public string EnrichedTopic { get; }

    /// <summary>The group id given to the hosts; the flows group is this + <c>-flows</c>.</summary>
    public string Group { get; }

    public IReadOnlyList<OwnershipEvent> Events { get; }

    /// <summary>The flows, each with a unique local port (the identity the checks use).</summary>
    public IReadOnlyList<FlowRecord> Flows { get; }

    /// <summary>Local port → how a single attributor with every event attributes the flow.</summary>
    public IReadOnlyDictionary<ushort, FlowAttribution> Reference { get; }

    public EnrichedFlowCollector Output { get; }

    /// <summary>
    /// A scenario of <paramref name="flows"/> flows between <paramref name="ips"/> IPs, ending 20 minutes ago, so every
    /// flow's start has settled when it arrives and its attribution depends only on the events, not on timing.
    /// </summary>
    public static async Task<FlowCluster> CreateAsync(string name, int seed, int ips, int flows)
    {
        Servers.EnsureKafkaReachable();
        var flowsTopic = await Servers.CreateTopicAsync(name + "f", Partitions);
        var ownershipTopic = await Servers.CreateTopicAsync(name + "o", Partitions, "cleanup.policy=compact");
        var enrichedTopic = await Servers.CreateTopicAsync(name + "e", Partitions);
        var start = DateTimeOffset.UtcNow.AddMinutes(-30).ToUnixTimeMilliseconds() / 1000 * 1000;
        var generator = new SyntheticFlowGenerator(new SyntheticFlowOptions
        {
            Seed = seed,
            Applications = 12,
            Ips = ips,
            StartUnixMs = start,
            DurationMs = 600_000,
            Flows = flows,
            ChurnFraction = 0.4,
            EventlessFraction = 0,
            HeartbeatFraction = 0.3,
            ExternalFraction = 0.1,
        });
        var events = new List<OwnershipEvent>();
        var records = new List<FlowRecord>();
        foreach (var item in generator.Generate())
        {
            if (!item.IsFlow)
            {
                events.Add(item.Event);
                continue;
            }
            var flow = item.Flow with { LocalPort = (ushort)(10_000 + records.Count) };
            if (records.Count % WaitingEvery == WaitingEvery - 1) flow = flow with { RemoteIp = IpAddress.Parse($"{FallbackBlock}.{1 + (records.Count % 250)}") };
            records.Add(flow);
        }
        return new FlowCluster(flowsTopic, ownershipTopic, enrichedTopic, events, records);
    }

    /// <summary>Starts <c>streamjobs run --kafka</c> on this run's topics and group.</summary>
    public HostProcess StartHost()
    {
        var args = new List<string>
        {
            "run", "--kafka",
            $"--StreamJobs:Kafka:BootstrapServers={Servers.Kafka}",
            "--StreamJobs:Kafka:LegacyBroker=true",
            $"--StreamJobs:Kafka:SpansTopic={FlowsTopic}-spans",
            $"--StreamJobs:Kafka:GroupId={Group}",
            $"--StreamJobs:Kafka:FlowsTopic={FlowsTopic}",
            $"--StreamJobs:Kafka:OwnershipTopic={OwnershipTopic}",
            $"--StreamJobs:Kafka:EnrichedFlowsTopic={EnrichedTopic}",
            "--StreamJobs:Kafka:CommitInterval=00:00:00.200",
            "--StreamJobs:Kafka:SessionTimeout=00:00:06",
            "--StreamJobs:Kafka:Linger=00:00:00.002",
            $"--StreamJobs:Jobs:flow-enricher:MaxWait={Parameters.MaxWait}",
            $"--StreamJobs:Jobs:flow-enricher:MaxEventLateness={Parameters.MaxEventLateness}",
            "--StreamJobs:Flows:UdpPort=0",
        };
        for (var i = 0; i < Parameters.AuthoritativeBlocks.Length; i++) args.Add($"--StreamJobs:Jobs:flow-enricher:AuthoritativeBlocks:{i}={Parameters.AuthoritativeBlocks[i]}");
        for (var i = 0; i < Parameters.FallbackBlocks.Length; i++) args.Add($"--StreamJobs:Jobs:flow-enricher:FallbackBlocks:{i}={Parameters.FallbackBlocks[i]}");
        var host = HostProcess.Start(_workDirectory, [.. args]);
        _hosts.Add(host);
        return host;
    }

    public static async Task WaitForHealthyAsync(HostProcess host)
    {
        Assert.True(await host.WaitForHttpAsync("/healthz", TimeSpan.FromSeconds(60)), "the host did not answer /healthz:\n" + Log(host));
    }

    /// <summary>Posts the events to <c>/api/v1/ownership</c> in batches, retrying while the queue is full.</summary>
    public static async Task PostEventsAsync(HostProcess host, IEnumerable<OwnershipEvent> events)
    {
        foreach (var batch in events.Chunk(500))
        {
            var json = new StringBuilder("[");
            foreach (var e in batch)
            {
                if (json.Length > 1) json.Append(',');
                json.Append(CultureInfo.InvariantCulture, $"{{\"ip\":\"{e.Ip}\",\"workload\":\"{e.Workload}\",\"timestampMs\":{e.TimestampUnixMs},\"change\":\"{(e.Change == OwnershipChange.Assigned ? "assigned" : "unassigned")}\"}}");
            }
            await PostAsync(host, "/api/v1/ownership", Encoding.UTF8.GetBytes(json.Append(']').ToString()));
        }
    }

    /// <summary>Posts the flows to <c>/api/v1/flows</c> as JSON batches, retrying while the queue is full.</summary>
    public static async Task PostFlowsAsync(HostProcess host, IEnumerable<FlowRecord> flows)
    {
        foreach (var batch in flows.Chunk(250)) await PostAsync(host, "/api/v1/flows", FlowJsonBatchEncoder.ToUtf8(batch));
    }

    /// <summary>Waits until <paramref name="host"/>'s enricher has taken at least <paramref name="count"/> ownership events.</summary>
    public static async Task WaitForEventsAsync(HostProcess host, int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        double seen;
        while ((seen = await HostMetrics.SumAsync(host, "streamjobs_flowenricher_events_total")) < count && DateTime.UtcNow < deadline)
        {
            Assert.False(host.HasExited, "the host exited:\n" + Log(host));
            await Task.Delay(200);
        }
        Assert.True(seen >= count, $"the host's enricher took {seen} of {count} ownership events within {timeout}:\n{Log(host)}");
    }

    /// <summary>Waits until the enriched-flows topic holds every flow at least once.</summary>
    public async Task WaitForAllFlowsAsync(TimeSpan timeout, params HostProcess[] hosts)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Output.Distinct < Flows.Count && DateTime.UtcNow < deadline) await Task.Delay(200);
        Assert.True(Output.Distinct == Flows.Count, $"{Output.Distinct} of {Flows.Count} flows reached {EnrichedTopic} within {timeout}.\n{string.Join("\n---\n", hosts.Select(Log))}");
    }

    /// <summary>Waits until the output holds at least <paramref name="count"/> distinct flows.</summary>
    public async Task WaitForOutputAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Output.Distinct < count && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.True(Output.Distinct >= count, $"{Output.Distinct} of {count} flows reached {EnrichedTopic} within {timeout}.\n{string.Join("\n---\n", _hosts.Select(Log))}");
    }

    /// <summary>Waits until the flows topic holds <paramref name="count"/> records (the hosts produced what they were given).</summary>
    public async Task WaitForProducedAsync(long count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        long produced;
        while ((produced = EndOffsets(FlowsTopic)) < count && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.True(produced >= count, $"{produced} of {count} flows produced to {FlowsTopic} within {timeout}");
    }

    /// <summary>Waits until the flows group committed every flow: every receipt was completed by the end of the chain.</summary>
    public async Task WaitForAllCommittedAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        long committed;
        while ((committed = Servers.CommittedTotal(FlowsTopic, Group + "-flows", Partitions)) < Flows.Count && DateTime.UtcNow < deadline) await Task.Delay(300);
        Assert.True(committed == Flows.Count, $"the flows group committed {committed} of {Flows.Count} flows within {timeout}");
    }

    public static long EndOffsets(string topic)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(Servers.Legacy(new ConsumerConfig { BootstrapServers = Servers.Kafka, GroupId = "offsets-" + topic })).Build();
        return Enumerable.Range(0, Partitions).Sum(p => consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), TimeSpan.FromSeconds(5)).High.Value);
    }

    public static string Log(HostProcess host) => string.Join('\n', host.Errors.TakeLast(20).Concat(host.Output.TakeLast(40)));

    private static async Task PostAsync(HostProcess host, string path, byte[] body)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await host.Http.PostAsync(path, content);
            if (response.StatusCode == HttpStatusCode.Accepted) return;
            var answer = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable && DateTime.UtcNow < deadline,
                $"POST {path} answered {(int)response.StatusCode}: {answer}");
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Output.DisposeAsync();
        foreach (var host in _hosts) await host.DisposeAsync();
        try
        {
            Directory.Delete(_workDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
