using System.Text.Json;

namespace StreamJobs.Telemetry.Ingest;

/// <summary>
/// Bounds on what one request body may cost a parser, whatever it holds: how many records it may carry, how many
/// attributes, events and links they may carry in all (OTLP protobuf), how many errors are kept (the rest are only
/// counted), and how deeply its JSON may nest.
/// </summary>
public sealed record IngestLimits
{
    /// <summary>The defaults: 100 errors kept, 100,000 records, 262,144 attributes, JSON depth 64.</summary>
    public static IngestLimits Default { get; } = new();

    /// <summary>No bound on errors kept or records (for callers that parse one trusted record at a time).</summary>
    public static IngestLimits Unbounded { get; } = new() { MaxErrors = int.MaxValue, MaxRecords = int.MaxValue, MaxAttributes = int.MaxValue };

    /// <summary>Errors kept per body; further rejected records are counted, not described.</summary>
    public int MaxErrors { get; init; } = 100;

    /// <summary>Records (spans, flows, events) per body; past it the whole body is refused.</summary>
    public int MaxRecords { get; init; } = 100_000;

    /// <summary>
    /// Attributes (at every level, including nested key-value lists), events, links and array elements per OTLP
    /// protobuf body, counted on the wire before any message is built; past it the whole body is refused. Each costs
    /// as little as 2 bytes on the wire but a message object once parsed. The default is one per 16 bytes of a 4 MiB body.
    /// </summary>
    public int MaxAttributes { get; init; } = DefaultMaxAttributes;

    /// <summary>The default <see cref="MaxAttributes"/>: 4 MiB / 16.</summary>
    public const int DefaultMaxAttributes = 262_144;

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
