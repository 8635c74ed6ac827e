using System.ComponentModel;
using StreamJobs.Cassandra.Traces;
using StreamJobs.Telemetry.Storage;
using StreamJobs.Jobs;
using StreamJobs.TailSampler;

namespace StreamJobs.Host.Connectors;

/// <summary>
/// Writes <c>sampled-traces</c> to Cassandra. The sink completes the spans' receipts once a trace's rows are
/// acknowledged, so with a Kafka source the offsets are committed only after the write (at-least-once); rows are
/// keyed by trace and span id, so a replay rewrites the same rows.
/// </summary>
[Description("Stores the sampled-traces stream in Cassandra (spans by trace id, traces by service and time); idempotent, retries through outages.")]
internal sealed class TraceStoreJob(CassandraSessionProvider cassandra) : StreamJob
{
    public const string Name = "trace-store";

    /// <inheritdoc />
    public override JobGraph Build(JobContext context)
    {
        var options = ConnectorSettings.Read(() =>
        {
            var o = cassandra.StoreOptions;
            o.Validate();
            return o;
        });
        return context.Subscribe<SampledTrace>(TailSamplerJob.OutputStream, completesReceipts: true).To(CassandraTraceSink.Create<SampledTrace>(
            cassandra.Session, options, static s => new TraceWrite(s.Trace, s.Policy, spansOnly: s.Late)));
    }
}
