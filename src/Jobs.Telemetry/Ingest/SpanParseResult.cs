using StreamJobs.Telemetry.Spans;

namespace StreamJobs.Telemetry.Ingest;

/// <summary>The outcome of parsing one payload: every well-formed span plus an error per rejected span.</summary>
/// <param name="Spans">Spans that parsed.</param>
/// <param name="Errors">One entry per rejected span (or payload-level problem).</param>
public sealed record SpanParseResult(IReadOnlyList<Span> Spans, IReadOnlyList<SpanParseError> Errors);
