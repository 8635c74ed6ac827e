using Microsoft.Extensions.Configuration.Memory;
using StreamJobs.FlowEnricher;
using StreamJobs.FlowEnricher.Synthetic;
using StreamJobs.Host.Taps;
using StreamJobs.Hosting;

namespace StreamJobs.Host.Flows;

/// <summary>
/// Registers the flow path: ingest (UDP + HTTP) → flow-enricher ("enriched-flows") → flow-windows ("flow-windows"),
/// and for the demo synthetic traffic in front and an NDJSON archive of the windows behind.
/// </summary>
internal static class FlowPathExtensions
{
    public static StreamJobsBuilder AddFlowPath(this StreamJobsBuilder jobs, IConfigurationBuilder configuration, bool demo)
    {
        jobs.Services.AddSingleton<FlowEnricherMetrics>();
        jobs.Services.AddSingleton<FlowIngestMetrics>();
        jobs.Services.AddSingleton<FlowIngestGate>();
        jobs.Services.AddSingleton(FlowRoute.InProcess);
        jobs.Services.AddOptions<FlowIngestOptions>().BindConfiguration(FlowIngestOptions.Section);
        jobs.Services.AddSingleton<FlowUdpListener>();
        // Taps read addresses as text and match them with IN 'cidr' instead of seeing the structs' raw bits.
        jobs.Services.AddMqlSchema(FlowMqlSchema.Flows).AddMqlSchema(FlowMqlSchema.Ownership)
            .AddMqlSchema(FlowMqlSchema.EnrichedFlows).AddMqlSchema(FlowMqlSchema.Windows);
        jobs.Services.AddHostedService(sp => sp.GetRequiredService<FlowUdpListener>());
        jobs.AddJob<FlowIngestJob>("flow-ingest").AddJob<FlowEnricherJob>("flow-enricher").AddJob<FlowWindowJob>("flow-windows");
        if (demo)
        {
            ApplyDemoDefaults(configuration);
            jobs.AddJob<FlowTrafficJob>("flow-traffic").AddJob<FlowWindowArchiveJob>("flow-window-archive");
        }

        return jobs;
    }

    /// <summary>
    /// Short waits and windows so flow windows appear within half a minute. They sit below every other source, so
    /// appsettings, environment and command line still override them.
    /// </summary>
    private static void ApplyDemoDefaults(IConfigurationBuilder configuration)
    {
        var settings = new Dictionary<string, string?>
        {
            ["StreamJobs:Jobs:flow-enricher:MaxWait"] = "00:00:08",
            ["StreamJobs:Jobs:flow-enricher:MaxEventLateness"] = "00:00:03",
            ["StreamJobs:Jobs:flow-windows:WindowSize"] = "00:00:10",
            ["StreamJobs:Jobs:flow-windows:AllowedLateness"] = "00:00:15",
        };
        for (int i = 0; i < SyntheticFlowGenerator.CidrBlocks.Count; i++)
        {
            var (cidr, owner) = SyntheticFlowGenerator.CidrBlocks[i];
            settings[$"StreamJobs:Jobs:flow-enricher:AuthoritativeBlocks:{i}"] = $"{cidr}={owner}";
        }

        configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = settings });
    }
}
