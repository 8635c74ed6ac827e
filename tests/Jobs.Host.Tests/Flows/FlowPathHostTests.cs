using Microsoft.Extensions.DependencyInjection;
using System.Net.Sockets;
using System.Text;
using StreamJobs.FlowEnricher;
using StreamJobs.Host.Flows;
using StreamJobs.Host.Tests.Flows.Support;
using StreamJobs.Telemetry.Flows;

namespace StreamJobs.Host.Tests.Flows;

public sealed class FlowPathHostTests
{
    [Fact]
    public async Task Flows_sent_over_UDP_and_HTTP_to_a_running_host_come_out_attributed()
    {
        await using var host = await InProcessHost.StartAsync("--StreamJobs:Jobs:flow-enricher:AuthoritativeBlocks:0=203.0.113.0/24=internet");
        long now = FlowSamples.NowMs;
        using var events = await host.Http.PostAsync("/api/v1/ownership", new StringContent(
            $"[{{\"ip\":\"10.0.0.2\",\"workload\":\"db\",\"timestampMs\":{now - 600_000},\"change\":\"assigned\"}}," +
            $"{{\"ip\":\"10.0.0.2\",\"workload\":\"db\",\"timestampMs\":{now - 300_000},\"change\":\"unassigned\"}}," +
            $"{{\"ip\":\"10.0.0.2\",\"workload\":\"cache\",\"timestampMs\":{now - 300_000},\"change\":\"assigned\"}}]", Encoding.UTF8, "application/json"));
        Assert.Equal(System.Net.HttpStatusCode.Accepted, events.StatusCode);

        using var udp = new UdpClient();
        await udp.SendAsync(FlowSamples.Datagram(FlowSamples.Flow("10.0.0.1", "10.0.0.2", now - 400_000), FlowSamples.Flow("10.0.0.1", "10.0.0.2", now - 60_000)), host.Udp);
        var json = FlowJsonBatchEncoder.ToUtf8([FlowSamples.Flow("10.0.0.5", "203.0.113.9", now - 30_000, identity: "web")]);
        using var posted = await host.Http.PostAsync("/api/v1/flows", new ByteArrayContent(json));
        Assert.Equal(System.Net.HttpStatusCode.Accepted, posted.StatusCode);

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (host.Enriched.Flows.Count < 3 && DateTime.UtcNow < deadline) await Task.Delay(20);

        var flows = host.Enriched.Flows.OrderBy(f => f.Flow.StartUnixMs).ToList();
        Assert.Equal(3, flows.Count);
        Assert.Equal([("api", "db"), ("api", "cache"), ("web", "internet")], flows.Select(f => (f.LocalApp, f.RemoteApp)));
        Assert.Equal(AttributionSource.Cidr, flows[2].RemoteSource);
        var ingest = host.Services.GetRequiredService<FlowIngestMetrics>();
        Assert.Equal((1L, 2L, 1L), (ingest.Datagrams, ingest.UdpRecords, ingest.HttpFlows));
    }
}
