using System.Text.Json;

namespace StreamJobs.Telemetry.Ingest;

/// <summary>
/// Bounds on what one request body may cost a parser, whatever it holds: how many records it may carry, how many
/// errors are kept (the rest are only counted), and how deeply its JSON may nest.
/// </summary>
public sealed record IngestLimits
{
    /// <summary>The defaults: 100 errors kept, 100,000 records, JSON depth 64.</summary>
    public static IngestLimits Default { get; } = new();

    /// <summary>No bound on errors kept or records (for callers that parse one trusted record at a time).</summary>
    public static IngestLimits Unbounded { get; } = new() { MaxErrors = int.MaxValue, MaxRecords = int.MaxValue };

    /// <summary>Errors kept per body; further rejected records are counted, not described.</summary>
    public int MaxErrors { get; init; } = 100;

    /// <summary>Records (spans, flows, events) per body; past it the whole body is refused.</summary>
    public int MaxRecords { get; init; } = 100_000;

    /// <summary>Deepest JSON nesting read; deeper is a malformed body.</summary>
    public int MaxJsonDepth { get; init; } = 64;

    /// <summary>Reader options for JSON bodies with <see cref="MaxJsonDepth"/> set explicitly.</summary>
    public JsonReaderOptions ReaderOptions(bool allowComments = true) => new()
    {
        MaxDepth = MaxJsonDepth,
        CommentHandling = allowComments ? JsonCommentHandling.Skip : JsonCommentHandling.Disallow,
        AllowTrailingCommas = true,
    };
}
