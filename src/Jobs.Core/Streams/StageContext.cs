using Microsoft.Extensions.Logging;
using StreamJobs.Metrics;

namespace StreamJobs.Streams;

/// <summary>What a running <see cref="StageLogic{TIn,TOut}"/> can see of its surroundings.</summary>
public sealed class StageContext
{
    internal StageContext(string job, StageMetrics metrics, TimeProvider time, ILogger logger, int batchSize)
    {
        Job = job;
        Metrics = metrics;
        Time = time;
        Logger = logger;
        BatchSize = batchSize;
    }

    /// <summary>The job (graph) the stage runs in.</summary>
    public string Job { get; }

    /// <summary>The stage's counters; logic counts its own drops here.</summary>
    public StageMetrics Metrics { get; }

    /// <summary>The clock: use it instead of <see cref="DateTimeOffset.UtcNow"/> so tests can drive time.</summary>
    public TimeProvider Time { get; }

    /// <summary>The stage's logger.</summary>
    public ILogger Logger { get; }

    /// <summary>The engine's batch size.</summary>
    public int BatchSize { get; }
}
