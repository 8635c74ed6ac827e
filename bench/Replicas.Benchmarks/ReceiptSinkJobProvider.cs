using StreamJobs.Hosting;
using StreamJobs.Jobs;

namespace StreamJobs.Replicas.Benchmarks;

/// <summary>
/// Makes this assembly a host plugin: <see cref="PluginFolder"/> copies it into a plugins folder and the replicas load
/// it from there (<c>--StreamJobs:Plugins:Directory</c>), which adds <see cref="ReceiptSinkJob"/> to each of them.
/// </summary>
internal sealed class ReceiptSinkJobProvider : IJobProvider
{
    /// <inheritdoc />
    public void Register(StreamJobsBuilder builder) => builder.AddJob<ReceiptSinkJob>(ReceiptSinkJob.Name);
}
