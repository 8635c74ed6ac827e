namespace StreamJobs.Jobs;

/// <summary>
/// A job: a graph from sources to sinks, built once per run. Jobs are created through dependency injection, so
/// their constructors can take services. Describe a job for <c>streamjobs jobs</c> with <see cref="System.ComponentModel.DescriptionAttribute"/>.
/// </summary>
public abstract class StreamJob
{
    /// <summary>Builds the job's graph. Subscribe to and publish named streams through <paramref name="context"/>.</summary>
    public abstract JobGraph Build(JobContext context);
}
