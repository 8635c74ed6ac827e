using StreamJobs.Metrics;

namespace StreamJobs.Streams.Fusion;

/// <summary>One step of a fused stage as metrics and supervision see it: its own name, counters and strategy.</summary>
internal sealed record RecordStep(StageMetrics Metrics, SupervisionStrategy Supervision);
