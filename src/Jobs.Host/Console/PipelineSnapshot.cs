namespace StreamJobs.Host.Console;

/// <summary>The counters the progress line is computed from, at one moment.</summary>
internal sealed record PipelineSnapshot(
    long Spans, long Traces, long Kept, IReadOnlyDictionary<string, long> KeptByPolicy, long Flows, long Attributed, long Unattributed, long Waiting);
