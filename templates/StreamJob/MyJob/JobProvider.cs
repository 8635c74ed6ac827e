using StreamJobs.Hosting;
using StreamJobs.Jobs;

namespace MyJob;

/// <summary>The plugin's entry point: the streamjobs host calls it when it loads this assembly from its plugins folder.</summary>
public sealed class JobProvider : IJobProvider
{
    public void Register(StreamJobsBuilder builder) => builder.AddJob<SlowSpansJob>("slow-spans");
}
