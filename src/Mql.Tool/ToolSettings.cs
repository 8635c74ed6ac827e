namespace StreamJobs.Mql.Tool;

/// <summary>The options of one <c>mql</c> run.</summary>
/// <param name="Host">Base URL of the host whose taps are queried.</param>
/// <param name="Token">Bearer token for hosts that bind a non-loopback address.</param>
/// <param name="Limit">Stop after this many results (on top of the query's LIMIT).</param>
/// <param name="Duration">Stop after this long (open windows are flushed).</param>
/// <param name="Table">Print aggregate rows as tables instead of NDJSON.</param>
/// <param name="Fanout">Ask the host to fan out to its replicas (null: the host's default).</param>
/// <param name="TimeField">For files: the property holding each record's event time.</param>
internal sealed record ToolSettings(Uri Host, string? Token, int? Limit, TimeSpan? Duration, bool Table, bool? Fanout, string? TimeField);
