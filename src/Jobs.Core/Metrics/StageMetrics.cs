namespace StreamJobs.Metrics;

/// <summary>
/// Record counts of one stage of one job. Stages add whole batches at a time, so counting costs a few
/// interlocked adds per batch, not per record.
/// </summary>
public sealed class StageMetrics
{
    private long _in, _out, _dropped, _deadLettered;

    internal StageMetrics(string job, string stage, StageKind kind)
    {
        Job = job;
        Stage = stage;
        Kind = kind;
    }

    /// <summary>Whether the stage is a source, a sink or in between.</summary>
    public StageKind Kind { get; }

    /// <summary>The job the stage belongs to.</summary>
    public string Job { get; }

    /// <summary>The stage name, unique within the job.</summary>
    public string Stage { get; }

    /// <summary>Records received; a stateful stage counts a batch once its logic has handled it.</summary>
    public long In => Interlocked.Read(ref _in);

    /// <summary>Records emitted.</summary>
    public long Out => Interlocked.Read(ref _out);

    /// <summary>Records deliberately discarded (bounds, late data, slow taps).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Records the stage failed on and handed to the dead-letter sink.</summary>
    public long DeadLettered => Interlocked.Read(ref _deadLettered);

    /// <summary>Counts received records.</summary>
    public void AddIn(long count) => Interlocked.Add(ref _in, count);

    /// <summary>Counts emitted records.</summary>
    public void AddOut(long count) => Interlocked.Add(ref _out, count);

    /// <summary>Counts dropped records.</summary>
    public void AddDropped(long count) => Interlocked.Add(ref _dropped, count);

    /// <summary>Counts dead-lettered records.</summary>
    public void AddDeadLettered(long count) => Interlocked.Add(ref _deadLettered, count);
}
