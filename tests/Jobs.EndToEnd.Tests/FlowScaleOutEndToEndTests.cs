using StreamJobs.EndToEnd.Tests.Support;
using Xunit.Abstractions;

namespace StreamJobs.EndToEnd.Tests;

/// <summary>
/// Several <c>streamjobs run --kafka</c> hosts share the flow path through Kafka against the real broker: ingest on any
/// host → flows topic (keyed by flow key) and compacted ownership topic → kafka-flows (one group) and kafka-ownership
/// (every host reads everything) → flow-enricher → enriched-flows topic. One replica is killed mid-run and another
/// started; every flow must come out attributed exactly as one attributor holding every event attributes it.
/// </summary>
public sealed class FlowScaleOutEndToEndTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Three_replicas_one_killed_and_one_started_attribute_every_flow_as_a_single_process_does()
    {
        var started = DateTime.UtcNow;
        await using var cluster = await FlowCluster.CreateAsync("e2fl", seed: 17, ips: 300, flows: 3000);
        var flows = cluster.Flows;
        var n = flows.Count;

        // The reference is a function of the events alone: the order and batching of flows do not change it, and it
        // is not trivial (events, heartbeats and CIDR blocks all decide some ends, some ends stay unknown).
        var reordered = FlowAttribution.Reference(FlowCluster.Parameters, cluster.Events, flows, oneBatch: false);
        Assert.Equal(cluster.Reference.OrderBy(r => r.Key), reordered.OrderBy(r => r.Key));
        var sources = cluster.Reference.Values.SelectMany(a => new[] { a.LocalSource, a.RemoteSource }).GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine($"{n} flows, {cluster.Events.Count} ownership events; reference ends by source: {string.Join(", ", sources.Select(s => $"{s.Key} {s.Value}"))}");
        Assert.True(sources.GetValueOrDefault("range") > n / 2 && sources.GetValueOrDefault("heartbeat") > 0 && sources.GetValueOrDefault("cidr") > n / FlowCluster.WaitingEvery, "the scenario should exercise events, heartbeats and CIDR blocks");
        Assert.Equal(n / FlowCluster.WaitingEvery, cluster.Reference.Values.Count(a => a.RemoteApp == "partner"));

        var hosts = new[] { cluster.StartHost(), cluster.StartHost(), cluster.StartHost() };
        foreach (var host in hosts) await FlowCluster.WaitForHealthyAsync(host);

        // Each host ingests a third of the events; every host must end up with all of them, through the topic.
        var thirds = cluster.Events.Chunk((cluster.Events.Count + 2) / 3).ToArray();
        await Task.WhenAll(hosts.Select((host, i) => FlowCluster.PostEventsAsync(host, thirds[i])));
        foreach (var host in hosts) await FlowCluster.WaitForEventsAsync(host, cluster.Events.Count, Patience);
        output.WriteLine($"{Elapsed(started)}: every host holds every ownership event");

        // 40% of the flows through all three hosts; then 30% more through the other two, and the third replica (holding a
        // partition) is killed while it works on them (no drain, no last commit). Every 20th flow waits MaxWait in the
        // attributor for the fallback block, and no offset may be committed past it: the killed replica's flows from
        // its last waiting one on are replayed elsewhere, and a flow committed while waiting would be lost.
        // (Flows are not posted to it then: HTTP ingest answers once a flow is queued, before Kafka has it.)
        var parts = new[] { flows.Take(n * 4 / 10), flows.Skip(n * 4 / 10).Take(n * 3 / 10), flows.Skip(n * 7 / 10) }.Select(p => p.ToArray()).ToArray();
        await PostSpreadAsync(hosts, parts[0]);
        await cluster.WaitForProducedAsync(parts[0].Length, Patience);
        await WaitForAssignmentAsync(hosts[1], cluster.Group + "-flows");
        await PostSpreadAsync([hosts[0], hosts[2]], parts[1]);
        await cluster.WaitForOutputAsync(parts[0].Length + (parts[1].Length / 2), Patience);
        await hosts[1].KillAsync();
        var beforeKill = cluster.Output.Distinct;
        output.WriteLine($"{Elapsed(started)}: killed a replica with {beforeKill} of {n} flows out");

        // The rest goes to the survivors and to a new replica, which must first read the whole ownership history.
        var third = parts[2].Chunk((parts[2].Length + 1) / 2).ToArray();
        await PostSpreadAsync([hosts[0], hosts[2]], third[0]);
        var fresh = cluster.StartHost();
        await FlowCluster.WaitForHealthyAsync(fresh);
        await WaitForAssignmentAsync(fresh, cluster.Group + "-flows");
        await PostSpreadAsync([hosts[0], hosts[2], fresh], third[1]);

        await cluster.WaitForAllFlowsAsync(Patience, hosts[0], hosts[2], fresh);
        await cluster.WaitForAllCommittedAsync(Patience);
        await Task.Delay(FlowCluster.Parameters.MaxWait + TimeSpan.FromSeconds(2)); // late copies from revoked owners' waits
        output.WriteLine($"{Elapsed(started)}: every flow out and committed");

        var wrong = new List<string>();
        long copies = 0;
        foreach (var (port, reference) in cluster.Reference)
        {
            Assert.True(cluster.Output.Copies.TryGetValue(port, out var seen), $"flow {port} is missing");
            foreach (var attribution in seen)
            {
                copies++;
                if (attribution != reference) wrong.Add($"flow {port}: {attribution} instead of {reference}");
            }
        }
        output.WriteLine($"{copies} copies of {n} flows ({copies - n} replayed), {cluster.Output.Malformed} malformed; fresh replica attributed {await HostMetrics.SumAsync(fresh, "streamjobs_flowenricher_flows_total")}");
        Assert.Equal(0, cluster.Output.Malformed);
        Assert.Empty(wrong);
        Assert.Equal(n, cluster.Output.Distinct);
        Assert.True(copies > n, "the killed replica's uncommitted flows (behind a waiting one) should have been replayed");
        Assert.True(await HostMetrics.SumAsync(fresh, "streamjobs_flowenricher_flows_total") > 0, "the new replica should have attributed some flows of its partition");
        output.WriteLine($"{Elapsed(started)}: done");
    }

    private static async Task PostSpreadAsync(IReadOnlyList<Host.Tests.Support.HostProcess> hosts, IReadOnlyList<Telemetry.Flows.FlowRecord> flows)
    {
        var share = (flows.Count + hosts.Count - 1) / hosts.Count;
        await Task.WhenAll(hosts.Select((host, i) => FlowCluster.PostFlowsAsync(host, flows.Skip(i * share).Take(share))));
    }

    /// <summary>Waits until the host's flows source logged a partition assignment in <paramref name="group"/>.</summary>
    private static async Task WaitForAssignmentAsync(Host.Tests.Support.HostProcess host, string group)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!host.Output.Any(line => line.Contains($"Kafka group {group}: assigned", StringComparison.Ordinal) && line.Contains('[')) && DateTime.UtcNow < deadline)
        {
            Assert.False(host.HasExited, "the new host exited:\n" + FlowCluster.Log(host));
            await Task.Delay(200);
        }
        Assert.True(DateTime.UtcNow < deadline, "the new host got no partition of the flows topic:\n" + FlowCluster.Log(host));
    }

    private static string Elapsed(DateTime started) => $"{(DateTime.UtcNow - started).TotalSeconds:F1} s";
}
