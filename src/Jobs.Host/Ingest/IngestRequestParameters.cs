using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using StreamJobs.Telemetry.Ingest;

namespace StreamJobs.Host.Ingest;

/// <summary>
/// The per-request parser bounds the span and flow ingest jobs share (bound, like the rest of their parameters, from
/// <c>StreamJobs:Jobs:span-ingest</c> and <c>StreamJobs:Jobs:flow-ingest</c>).
/// </summary>
public abstract class IngestRequestParameters
{
    /// <summary>Rejected records described per request; the rest are only counted.</summary>
    [Description("Rejected records described in an answer (the first ones); the rest are only counted, so a hostile body cannot make a huge answer.")]
    [Range(1, 10_000)]
    public int MaxErrorsPerRequest { get; set; } = 100;

    /// <summary>Records per request; more answers 413 and nothing of the request is taken.</summary>
    [Description("Records (spans, flows or ownership events) per request; more answers 413 and nothing of the request is taken.")]
    [Range(1, 10_000_000)]
    public int MaxRecordsPerRequest { get; set; } = 100_000;

    /// <summary>Deepest JSON nesting read in a request body; deeper answers 400.</summary>
    [Description("Deepest JSON nesting read in a request body; deeper answers 400.")]
    [Range(8, 256)]
    public int MaxJsonDepth { get; set; } = 64;

    /// <summary>The parser limits these settings give.</summary>
    internal virtual IngestLimits ParseLimits() => new() { MaxErrors = MaxErrorsPerRequest, MaxRecords = MaxRecordsPerRequest, MaxJsonDepth = MaxJsonDepth };
}
