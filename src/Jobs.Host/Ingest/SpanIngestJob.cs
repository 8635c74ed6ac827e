using System.ComponentModel;
using StreamJobs.Jobs;
using StreamJobs.Streams;
using StreamJobs.Telemetry.Spans;

namespace StreamJobs.Host.Ingest;

/// <summary>
/// Publishes the spans posted to the ingest endpoints to <c>spans</c> (with Kafka: to the spans topic, see
/// <see cref="SpanRoute"/>). It owns a bounded queue the endpoints offer into; a full queue makes them answer 429/503,
/// so nothing buffers without bound.
/// </summary>
[Description("Takes spans posted to Zipkin POST /api/v2/spans and OTLP POST /v1/traces and publishes them to spans (with --kafka through the spans topic).")]
internal sealed class SpanIngestJob(SpanIngestGate gate, SpanRoute route) : StreamJob<SpanIngestParameters>
{
    /// <inheritdoc />
    protected override JobGraph Build(JobContext context, SpanIngestParameters parameters) =>
        Source.Queue<Span>(parameters.QueueCapacity)
            .MapMaterializedValue(queue =>
            {
                gate.Attach(queue, parameters, route.AwaitsDelivery);
                return queue;
            })
            .Named("ingest")
            .To(context.Publish<Span>(route.Stream));
}
