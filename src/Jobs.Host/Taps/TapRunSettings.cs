namespace StreamJobs.Host.Taps;

/// <summary>One tap's limits.</summary>
/// <param name="BufferBatches">Batches buffered before the stream drops for this tap.</param>
/// <param name="MaxRecordsPerSecond">Records sent per second before the excess is dropped.</param>
/// <param name="MetaInterval">How often counters are reported and windows polled.</param>
/// <param name="Duration">When set, the tap ends after this long (flushing open aggregates).</param>
/// <param name="Time">The clock for windows.</param>
internal sealed record TapRunSettings(int BufferBatches, int MaxRecordsPerSecond, TimeSpan MetaInterval, TimeSpan? Duration, TimeProvider Time);
