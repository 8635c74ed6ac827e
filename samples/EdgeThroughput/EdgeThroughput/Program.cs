using EdgeThroughput;
using StreamJobs.FlowEnricher;
using StreamJobs.Jobs;
using StreamJobs.NamedStreams;
using StreamJobs.Streams;
using StreamJobs.Telemetry.Flows;

// Runs the job locally on made-up flows, Mantis-style: no host, no servers. `dotnet run` prints one report per edge.
await using var materializer = new Materializer();
var streams = new NamedStreamRegistry();
var context = new JobContext("edge-throughput", streams, new EdgeThroughputParameters { Window = TimeSpan.FromSeconds(10) });

var reports = streams.Stream<EdgeThroughputReport>("edge-throughput").Subscribe().RunWith(Sink.ForEach<EdgeThroughputReport>(Console.WriteLine), materializer);
var job = new EdgeThroughputJob().Build(context).Run(materializer, "edge-throughput");

var start = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
var edges = new[] { "isp-east", "isp-west", "edge-appliance-7" };
var flows = Enumerable.Range(0, 30_000).Select(i => new EnrichedFlow(
    new FlowRecord
    {
        LocalIp = IpAddress.Parse("10.0.0.1"),
        RemoteIp = IpAddress.Parse("203.0.113." + (i % 200)),
        EndUnixMs = start + i % 9_000,
        BytesSent = 10_000,
        BytesReceived = 90_000,
        PacketsSent = 100,
        Retransmits = (uint)(i % 7 == 0 ? 2 : 0),
    },
    "edge-service", edges[i % edges.Length], AttributionSource.Range, AttributionSource.Cidr, false));
await Source.From(flows).RunWith(streams.Stream<EnrichedFlow>("enriched-flows").Publish(), materializer);
await job;
await reports;
