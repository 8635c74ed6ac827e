using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StreamJobs.Host;
using StreamJobs.Host.Connectors.Flows;
using StreamJobs.Host.Flows;
using StreamJobs.Hosting;

namespace StreamJobs.EndToEnd.Tests;

/// <summary>Which flow jobs and routes the host sets up for --kafka, without any server (nothing is started).</summary>
public sealed class FlowConnectorRegistrationTests
{
    private static readonly string[] Quiet = ["--StreamJobs:Flows:UdpPort=0", "--StreamJobs:Http:Urls=http://127.0.0.1:0"];
    private static readonly string[] KafkaFlowJobs = [KafkaFlowProducerJob.Name, KafkaFlowSourceJob.Name, KafkaOwnershipProducerJob.Name, KafkaOwnershipReaderJob.Name, KafkaOwnershipPrunerJob.Name];

    private static async Task<(string[] Jobs, IConfiguration Configuration, FlowRoute Route, bool Gated)> BuildAsync(params string[] args)
    {
        await using var app = StreamJobsHost.Build([.. args, .. Quiet], demo: false);
        var jobs = app.Services.GetRequiredService<JobCatalog>().Jobs.Select(j => j.Name).ToArray();
        return (jobs, app.Configuration, app.Services.GetRequiredService<FlowRoute>(), app.Services.GetService<OwnershipCatchUp>() is not null);
    }

    [Fact]
    public async Task Without_Kafka_flows_stay_in_process()
    {
        var (jobs, _, route, gated) = await BuildAsync();
        Assert.Equal(FlowRoute.InProcess, route);
        Assert.False(gated);
        Assert.Empty(jobs.Intersect(KafkaFlowJobs));
    }

    [Fact]
    public async Task Kafka_routes_ingest_through_the_topics_and_gates_the_enricher()
    {
        var (jobs, configuration, route, gated) = await BuildAsync("--kafka");
        Assert.Equal(FlowRoute.ThroughKafka, route);
        Assert.True(gated);
        Assert.Subset(jobs.ToHashSet(), KafkaFlowJobs.ToHashSet());
        Assert.DoesNotContain(KafkaEnrichedFlowSinkJob.Name, jobs);
        Assert.Null(configuration["StreamJobs:Jobs:flow-windows:CompleteReceipts"]); // the windows complete the receipts
    }

    [Fact]
    public async Task An_enriched_flows_topic_adds_its_sink_beside_the_windows_both_holding_the_receipts()
    {
        var (jobs, configuration, _, _) = await BuildAsync("--kafka", "--StreamJobs:Kafka:EnrichedFlowsTopic=enriched");
        Assert.Contains(KafkaEnrichedFlowSinkJob.Name, jobs);
        Assert.Contains("flow-windows", jobs);
        Assert.Null(configuration["StreamJobs:Jobs:flow-windows:CompleteReceipts"]); // a flow commits once both have it
    }

    [Fact]
    public async Task Kafka_can_leave_the_flow_path_in_process()
    {
        var (jobs, _, route, gated) = await BuildAsync("--kafka", "--StreamJobs:Kafka:Flows=false");
        Assert.Equal(FlowRoute.InProcess, route);
        Assert.False(gated);
        Assert.Empty(jobs.Intersect(KafkaFlowJobs));
    }
}
