using StreamJobs.Host.Tests.Support;
using StreamJobs.Cassandra;
using StreamJobs.Cassandra.Traces;
using StreamJobs.Kafka;
using StreamJobs.Streams;
using StreamJobs.TailSampler;
using StreamJobs.Telemetry.Spans;
using StreamJobs.Telemetry.Synthetic;

namespace StreamJobs.EndToEnd.Tests.Support;

/// <summary>
/// One end-to-end run: a deterministic set of synthetic traces, its own topic, consumer group and keyspace, the kept
/// set the default policies decide in-process, the host started against them, and the checks on what Cassandra holds.
/// </summary>
internal sealed class TracePipeline : IAsyncDisposable
{
    public const int DefaultPartitions = 3;
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly Cluster _cluster;
    private readonly ISession _session;
    private readonly string _workDirectory;

    private TracePipeline(string topic, int partitions, string keyspace, IReadOnlyList<Trace> traces, Cluster cluster, ISession session, TraceStore store)
    {
        _session = session;
        Topic = topic;
        Partitions = partitions;
        Group = "g-" + topic;
        Keyspace = keyspace;
        Traces = traces;
        _cluster = cluster;
        Store = store;
        var sampler = new TraceSampler(new TailSamplerParameters().ToOptions());
        Kept = traces.Where(t => sampler.Decide(t).Keep).ToDictionary(t => t.TraceId, t => t.Spans.Count);
        Dropped = traces.Where(t => !Kept.ContainsKey(t.TraceId)).Select(t => t.TraceId).ToArray();
        _workDirectory = Directory.CreateTempSubdirectory("streamjobs-e2e-").FullName;
    }

    public string Topic { get; }

    public string Group { get; }

    public int Partitions { get; }

    public string Keyspace { get; }

    /// <summary>The generated traces, in generation order.</summary>
    public IReadOnlyList<Trace> Traces { get; }

    /// <summary>Trace id → span count of every trace the default policies keep.</summary>
    public IReadOnlyDictionary<TraceId, int> Kept { get; }

    public IReadOnlyList<TraceId> Dropped { get; }

    public int SpanCount => Traces.Sum(t => t.Spans.Count);

    public TraceStore Store { get; }

    public static async Task<TracePipeline> CreateAsync(string name, int traces, int seed, int partitions = DefaultPartitions)
    {
        Servers.EnsureReachable();
        var topic = await Servers.CreateTopicAsync(name, partitions);
        var keyspace = topic.Replace('-', '_');
        var spans = new List<Span>();
        new SyntheticTraceGenerator(seed).Generate(traces, T0, spans);
        var grouped = spans.GroupBy(s => s.TraceId).Select(g => Trace.Create(g.Key, g.ToList())).ToList();

        var colon = Servers.Cassandra.LastIndexOf(':');
        var cluster = Cluster.Builder().AddContactPoint(Servers.Cassandra[..colon]).WithPort(int.Parse(Servers.Cassandra[(colon + 1)..])).Build();
        var session = await cluster.ConnectAsync();
        // Created here, before any host, so the host's own CREATE ... IF NOT EXISTS finds it.
        var store = await TraceStore.CreateAsync(session, new TraceStoreOptions { Keyspace = keyspace });
        return new TracePipeline(topic, partitions, keyspace, grouped, cluster, session, store);
    }

    /// <summary>Produces the spans of <paramref name="traces"/> to the topic, keyed by trace id, and waits for Kafka's acks.</summary>
    public async Task ProduceAsync(IEnumerable<Trace> traces)
    {
        await using var materializer = new Materializer();
        var settings = new KafkaProducerSettings { BootstrapServers = Servers.Kafka, LegacyBroker = true, Topic = Topic, Linger = TimeSpan.FromMilliseconds(2) };
        await Source.From(traces.SelectMany(t => t.Spans).ToList()).RunWith(KafkaSink.Spans(settings), materializer);
    }

    /// <summary>
    /// Starts <c>streamjobs run --kafka --cassandra</c> on this run's topic, group and keyspace, with short trace windows
    /// (1 s quiet, 5 s at most) unless <paramref name="settings"/> (<c>--key=value</c>, applied last) say otherwise.
    /// </summary>
    public HostProcess StartHost(params string[] settings) => HostProcess.Start(_workDirectory, [
        "run", "--kafka", "--cassandra",
        $"--StreamJobs:Kafka:BootstrapServers={Servers.Kafka}",
        "--StreamJobs:Kafka:LegacyBroker=true",
        $"--StreamJobs:Kafka:SpansTopic={Topic}",
        $"--StreamJobs:Kafka:GroupId={Group}",
        "--StreamJobs:Kafka:CommitInterval=00:00:00.200",
        "--StreamJobs:Kafka:SessionTimeout=00:00:06",
        $"--StreamJobs:Cassandra:ContactPoints:0={Servers.Cassandra}",
        $"--StreamJobs:Cassandra:Keyspace={Keyspace}",
        "--StreamJobs:Jobs:span-buffer:QuietWait=00:00:01",
        "--StreamJobs:Jobs:span-buffer:MaxTraceAge=00:00:05",
        "--StreamJobs:Jobs:span-buffer:TickInterval=00:00:00.100",
        "--StreamJobs:Flows:UdpPort=0",
        "--StreamJobs:Kafka:Flows=false", // the trace path only: no shared flows and ownership topics
        .. settings]);

    /// <summary>Trace id → spans stored, for the kept traces that have any.</summary>
    public async Task<Dictionary<TraceId, int>> StoredKeptAsync()
    {
        var stored = new Dictionary<TraceId, int>();
        foreach (var id in Kept.Keys)
        {
            if (await Store.GetTraceAsync(id) is { } trace) stored[id] = trace.Spans.Count;
        }
        return stored;
    }

    /// <summary>Waits until at least <paramref name="count"/> kept traces are stored; fails with the host's log otherwise.</summary>
    public async Task WaitForStoredAsync(int count, HostProcess host, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        Dictionary<TraceId, int> stored;
        do
        {
            stored = await StoredKeptAsync();
            if (stored.Count >= count && stored.All(s => s.Value == Kept[s.Key])) return;
            Assert.False(host.HasExited, "the host exited early:\n" + Log(host));
            await Task.Delay(500);
        }
        while (DateTime.UtcNow < deadline);
        Assert.Fail($"{stored.Count} of {count} kept traces stored (fully: {stored.Count(s => s.Value == Kept[s.Key])}) within {timeout}.\n{Log(host)}");
    }

    /// <summary>Every kept trace is stored with exactly its generated spans (rows are keyed, so replays cannot add any), no dropped one is.</summary>
    public async Task AssertStoredExactlyAsync()
    {
        var stored = await StoredKeptAsync();
        Assert.Equal(Kept.OrderBy(k => k.Key.ToString()), stored.OrderBy(k => k.Key.ToString()));
        foreach (var id in Dropped) Assert.Null(await Store.GetTraceAsync(id));
    }

    /// <summary>
    /// Every row of the service lookup table is a whole kept trace (its span count), one start per trace: a trace decided
    /// on part of its spans (an owner deciding what it held of a partition that moved) would add a row of its own.
    /// </summary>
    public async Task AssertNoTraceStoredInPartAsync()
    {
        var rows = await _session.ExecuteAsync($"SELECT trace_id, start, span_count FROM {Keyspace}.traces_by_service");
        var starts = new Dictionary<TraceId, HashSet<DateTimeOffset>>();
        await foreach (var row in rows.AsAsyncEnumerable())
        {
            var id = TraceId.Parse(row.GetValue<string>("trace_id"));
            Assert.True(Kept.TryGetValue(id, out var spans), $"trace {id} is in the lookup table but the policies drop it");
            Assert.True(spans == row.GetValue<int>("span_count"), $"trace {id} was stored from {row.GetValue<int>("span_count")} of its {spans} spans");
            (starts.TryGetValue(id, out var set) ? set : starts[id] = new()).Add(row.GetValue<DateTimeOffset>("start"));
        }
        Assert.Equal(Kept.Count, starts.Count);
        Assert.All(starts, s => Assert.Single(s.Value));
    }

    /// <summary>Waits until the group committed every span: every receipt (stored or deliberately dropped) was completed.</summary>
    public async Task WaitForAllCommittedAsync(HostProcess host, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        long committed;
        while ((committed = Servers.CommittedTotal(Topic, Group, Partitions)) < SpanCount && DateTime.UtcNow < deadline) await Task.Delay(300);
        Assert.True(committed == SpanCount, $"committed {committed} of {SpanCount} spans within {timeout}.\n{Log(host)}");
    }

    public static string Log(HostProcess host) => string.Join('\n', host.Errors.TakeLast(30).Concat(host.Output.TakeLast(30)));

    public async ValueTask DisposeAsync()
    {
        await _cluster.ShutdownAsync();
        try
        {
            Directory.Delete(_workDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
