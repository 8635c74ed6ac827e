using System.ComponentModel;
using StreamJobs.Jobs;
using StreamJobs.TailSampler;
using StreamJobs.Telemetry.Storage;
using StreamJobs.Sqlite;

namespace StreamJobs.Host.Query;

/// <summary>
/// Writes <c>sampled-traces</c> into the embedded SQLite store, one transaction per batch; the spans' receipts
/// complete once the batch is committed, so with a Kafka source the offsets follow the store (at-least-once, and the
/// writes are idempotent).
/// </summary>
[Description("Stores the sampled-traces stream in the embedded SQLite trace store (StreamJobs:TraceStore), which the /api/v2 query API reads.")]
internal sealed class SqliteTraceStoreJob(SqliteTraceStore store) : StreamJob
{
    public const string Name = "sqlite-trace-store";

    /// <inheritdoc />
    public override JobGraph Build(JobContext context) =>
        context.Subscribe<SampledTrace>(TailSamplerJob.OutputStream, completesReceipts: true)
            .To(TraceStoreSink.Create<SampledTrace>(store, static s => new TraceWrite(s.Trace, s.Policy, spansOnly: s.Late), Name));
}
