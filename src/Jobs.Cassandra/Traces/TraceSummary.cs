using StreamJobs.Telemetry.Spans;

namespace StreamJobs.Cassandra.Traces;

/// <summary>A row of <c>traces_by_service</c>: enough to list traces of a service without reading their spans.</summary>
/// <param name="TraceId">The trace id.</param>
/// <param name="Service">The service the lookup was made for (any service the trace touched).</param>
/// <param name="Start">Start of the trace (millisecond precision, as stored).</param>
/// <param name="Duration">Duration of the whole trace.</param>
/// <param name="RootService">Service of the root span, if known.</param>
/// <param name="RootName">Name of the root span.</param>
/// <param name="HasError">Whether any span failed.</param>
/// <param name="SpanCount">Spans in the trace when it was written.</param>
/// <param name="Policy">The sampling policy that kept the trace, or null.</param>
public sealed record TraceSummary(
    TraceId TraceId,
    string Service,
    DateTimeOffset Start,
    TimeSpan Duration,
    string? RootService,
    string RootName,
    bool HasError,
    int SpanCount,
    string? Policy);
