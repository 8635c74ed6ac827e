namespace StreamJobs.Host.Taps;

/// <summary>One tap's limits.</summary>
/// <param name="BufferBatches">Batches buffered before the stream drops for this tap.</param>
/// <param name="MaxRecordsPerSecond">Records sent per second before the excess is dropped.</param>
/// <param name="MetaInterval">How often counters are reported and windows polled.</param>
/// <param name="Duration">When set, the tap ends after this long (flushing open aggregates).</param>
/// <param name="Time">The clock for windows.</param>
internal sealed record TapRunSettings(int BufferBatches, int MaxRecordsPerSecond, TimeSpan MetaInterval, TimeSpan? Duration, TimeProvider Time)
{
    private static readonly TapOptions Defaults = new();

    /// <summary>Evaluation time the tap may use per second (<see cref="TapOptions.EvaluationBudget"/>).</summary>
    public TimeSpan EvaluationBudget { get; init; } = Defaults.EvaluationBudget;

    /// <summary>Regex timeouts within <see cref="RegexTimeoutWindow"/> that stop the tap.</summary>
    public int MaxRegexTimeouts { get; init; } = Defaults.MaxRegexTimeouts;

    /// <summary>The window <see cref="MaxRegexTimeouts"/> is counted in.</summary>
    public TimeSpan RegexTimeoutWindow { get; init; } = Defaults.RegexTimeoutWindow;

    /// <summary>When the tap ends if it has no <see cref="Duration"/>.</summary>
    public TimeSpan MaxDuration { get; init; } = Defaults.MaxDuration;

    /// <summary>The settings a request gets from the configured options.</summary>
    public static TapRunSettings From(TapOptions options, TimeSpan? duration, TimeProvider time) =>
        new(options.BufferBatches, options.MaxRecordsPerSecond, options.MetaInterval, duration, time)
        {
            EvaluationBudget = options.EvaluationBudget,
            MaxRegexTimeouts = options.MaxRegexTimeouts,
            RegexTimeoutWindow = options.RegexTimeoutWindow,
            MaxDuration = options.MaxDuration,
        };
}
