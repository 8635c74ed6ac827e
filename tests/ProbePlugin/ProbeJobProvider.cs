using StreamJobs.Hosting;
using StreamJobs.Jobs;

namespace ProbePlugin;

/// <summary>The plugin's entry point.</summary>
public sealed class ProbeJobProvider : IJobProvider
{
    public void Register(StreamJobsBuilder builder) => builder.AddJob<ProbeJob>("probe");
}
