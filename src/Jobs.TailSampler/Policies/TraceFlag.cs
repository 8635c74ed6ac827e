namespace StreamJobs.TailSampler.Policies;

/// <summary>Which <see cref="Telemetry.Spans.Trace"/> flag a <see cref="TraceFlagPolicy"/> reads.</summary>
internal enum TraceFlag
{
    Error,
    Warning,
    Retry,
}
