using System.ComponentModel;
using StreamJobs.Acknowledgement;
using StreamJobs.Jobs;
using StreamJobs.Streams;
using StreamJobs.Telemetry.Spans;
using StreamJobs.Windows;

namespace StreamJobs.SpanBuffer;

/// <summary>
/// Job 1 of the trace path: subscribes to <c>spans</c>, groups them by trace id until each trace is quiet (or old,
/// or pushed out by a bound), and publishes whole traces to <c>traces</c>. A graceful stop publishes every held trace,
/// except spans of partitions a Kafka source revokes or hands off as it stops: those are released, not decided
/// (<see cref="ReceiptHandoff"/>), for the partition's next owner to replay.
/// </summary>
[Description("Buffers spans by trace id until each trace is quiet or old enough, then publishes whole traces (spans → traces).")]
public sealed class SpanBufferJob : StreamJob<SpanBufferParameters>
{
    /// <summary>The stream it reads.</summary>
    public const string InputStream = "spans";

    /// <summary>The stream it publishes.</summary>
    public const string OutputStream = "traces";

    /// <inheritdoc />
    protected override JobGraph Build(JobContext context, SpanBufferParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(parameters);
        var shards = parameters.EffectiveShards;
        var options = parameters.ToOptions(shards);
        options.Validate();
        var metrics = context.Services.GetService(typeof(SpanBufferMetrics)) as SpanBufferMetrics ?? new SpanBufferMetrics();
        var handoff = context.Services.GetService(typeof(ReceiptHandoff)) as ReceiptHandoff;
        var tick = parameters.TickInterval;
        return context.Subscribe<Span>(InputStream, completesReceipts: true)
            .KeyBy(span => span.TraceId)
            .Stateful(() => new SpanBufferLogic(options, tick, metrics, handoff), shards, "buffer")
            .To(context.Publish<Trace>(OutputStream));
    }
}
