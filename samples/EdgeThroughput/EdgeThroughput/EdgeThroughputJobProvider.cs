using StreamJobs.Hosting;
using StreamJobs.Jobs;

namespace EdgeThroughput;

/// <summary>The plugin's entry point: the host finds it when it loads this assembly from its plugins folder.</summary>
public sealed class EdgeThroughputJobProvider : IJobProvider
{
    public void Register(StreamJobsBuilder builder) => builder.AddJob<EdgeThroughputJob>("edge-throughput");
}
