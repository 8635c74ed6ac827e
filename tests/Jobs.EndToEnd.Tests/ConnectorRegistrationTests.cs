using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StreamJobs.Hosting;
using StreamJobs.Host;
using StreamJobs.Host.Connectors;
using StreamJobs.Host.Ingest;
using StreamJobs.Host.Query;

namespace StreamJobs.EndToEnd.Tests;

/// <summary>Which jobs the host registers for --kafka / --cassandra, without any server (nothing is started).</summary>
public sealed class ConnectorRegistrationTests
{
    private static readonly string[] Quiet = ["--StreamJobs:Flows:UdpPort=0", "--StreamJobs:Http:Urls=http://127.0.0.1:0"];

    private static async Task<(string[] Jobs, IConfiguration Configuration)> BuildAsync(bool demo, params string[] args)
    {
        await using var app = StreamJobsHost.Build([.. args, .. Quiet], demo);
        var jobs = app.Services.GetRequiredService<JobCatalog>().Jobs.Select(j => j.Name).ToArray();
        return (jobs, app.Configuration);
    }

    [Fact]
    public void The_short_flags_become_configuration_and_everything_else_is_left_alone()
    {
        Assert.Equal(
            ["--StreamJobs:Kafka:Enabled=true", "--StreamJobs:Cassandra:Enabled=true", "--kafkaesque", "--StreamJobs:Kafka:SpansTopic=x"],
            ConnectorFlags.Expand(["--kafka", "--cassandra", "--kafkaesque", "--StreamJobs:Kafka:SpansTopic=x"]));
    }

    [Fact]
    public async Task Without_flags_the_host_stays_in_process()
    {
        var (jobs, configuration) = await BuildAsync(demo: true);
        Assert.DoesNotContain(KafkaSpanSourceJob.Name, jobs);
        Assert.DoesNotContain(KafkaSpanProducerJob.Name, jobs);
        Assert.DoesNotContain(TraceStoreJob.Name, jobs);
        Assert.Contains(SqliteTraceStoreJob.Name, jobs);
        Assert.Null(configuration["StreamJobs:Jobs:demo-traffic:Stream"]);
    }

    [Fact]
    public async Task Cassandra_adds_the_trace_store_only()
    {
        var (jobs, _) = await BuildAsync(demo: false, "--cassandra");
        Assert.Contains(TraceStoreJob.Name, jobs);
        Assert.DoesNotContain(SqliteTraceStoreJob.Name, jobs);
        Assert.DoesNotContain(KafkaSpanSourceJob.Name, jobs);
        Assert.DoesNotContain("trace-archive", jobs);
    }

    [Fact]
    public async Task Kafka_without_cassandra_in_run_mode_stores_kept_traces_in_the_embedded_store_so_their_spans_commit()
    {
        var (jobs, _) = await BuildAsync(demo: false, "--kafka");
        Assert.Contains(SqliteTraceStoreJob.Name, jobs);
        Assert.DoesNotContain("trace-archive", jobs);
        Assert.DoesNotContain(TraceStoreJob.Name, jobs);

        // Without any store the NDJSON archive completes the receipts, or the partitions would stall.
        var (archived, _) = await BuildAsync(demo: false, "--kafka", "--StreamJobs:TraceStore:Enabled=false");
        Assert.Contains("trace-archive", archived);

        var (stored, _) = await BuildAsync(demo: false, "--kafka", "--cassandra");
        Assert.DoesNotContain("trace-archive", stored); // the trace store completes the receipts
    }

    [Fact]
    public async Task Kafka_in_the_demo_routes_the_synthetic_traffic_through_the_spans_topic()
    {
        var (jobs, configuration) = await BuildAsync(demo: true, "--kafka", "--StreamJobs:Kafka:SpansTopic=demo-spans");
        Assert.Contains(KafkaSpanSourceJob.Name, jobs);
        Assert.Contains(KafkaSpanProducerJob.Name, jobs);
        Assert.Equal(KafkaSpanProducerJob.InputStream, configuration["StreamJobs:Jobs:demo-traffic:Stream"]);
        Assert.Equal("demo-spans", configuration["StreamJobs:Kafka:Topics:0"]);
        Assert.Equal("demo-spans", configuration["StreamJobs:Kafka:Topic"]);
    }

    [Fact]
    public async Task Kafka_in_run_mode_reads_the_topic_and_routes_ingested_spans_through_it()
    {
        await using var app = StreamJobsHost.Build(["--kafka", .. Quiet], demo: false);
        var jobs = app.Services.GetRequiredService<JobCatalog>().Jobs.Select(j => j.Name).ToArray();
        Assert.Contains(KafkaSpanSourceJob.Name, jobs);
        Assert.Contains(KafkaSpanProducerJob.Name, jobs);
        Assert.Equal("spans", app.Configuration["StreamJobs:Kafka:Topics:0"]);
        Assert.Equal(KafkaSpanProducerJob.InputStream, app.Services.GetRequiredService<SpanRoute>().Stream);
        Assert.Null(app.Configuration["StreamJobs:Jobs:demo-traffic:Stream"]);

        await using var local = StreamJobsHost.Build([.. Quiet], demo: false);
        Assert.Equal("spans", local.Services.GetRequiredService<SpanRoute>().Stream);
    }
}
