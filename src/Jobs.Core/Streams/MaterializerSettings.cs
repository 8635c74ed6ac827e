using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StreamJobs.Metrics;

namespace StreamJobs.Streams;

/// <summary>Engine-wide defaults for graphs run by a <see cref="Materializer"/>.</summary>
public sealed record MaterializerSettings
{
    /// <summary>How many records sources put in one batch (default 1024).</summary>
    public int BatchSize { get; init; } = 1024;

    /// <summary>The capacity, in batches, of async boundaries and subscriptions (default 8).</summary>
    public int BufferBatches { get; init; } = 8;

    /// <summary>The supervision of stages that set none (default <see cref="SupervisionStrategy.Stop"/>).</summary>
    public SupervisionStrategy Supervision { get; init; } = SupervisionStrategy.Stop;

    /// <summary>The clock for windows and timers; tests pass a manual one.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Where failed records go.</summary>
    public IDeadLetterSink DeadLetters { get; init; } = new DeadLetterLog();

    /// <summary>Where stage counters are kept.</summary>
    public StreamMetrics Metrics { get; init; } = new();

    /// <summary>Logs engine events (stage failures, restarts).</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    internal void Validate()
    {
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "BatchSize must be at least 1.");
        if (BufferBatches < 1) throw new ArgumentOutOfRangeException(nameof(BufferBatches), BufferBatches, "BufferBatches must be at least 1.");
    }
}
