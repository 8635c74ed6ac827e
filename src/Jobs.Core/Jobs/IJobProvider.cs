using StreamJobs.Hosting;

namespace StreamJobs.Jobs;

/// <summary>
/// The entry point of a job plugin: one per assembly, it registers the assembly's jobs (and the services they need).
/// Found by <see cref="StreamJobsBuilder.AddJobsFrom(System.Reflection.Assembly, string?)"/>.
/// </summary>
public interface IJobProvider
{
    /// <summary>Registers the plugin's jobs.</summary>
    void Register(StreamJobsBuilder builder);
}
