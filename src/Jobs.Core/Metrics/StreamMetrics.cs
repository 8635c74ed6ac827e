using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace StreamJobs.Metrics;

/// <summary>
/// All stage counters of a process, published as observable counters on the <see cref="MeterName"/> meter
/// (records.in, records.out, records.dropped, records.dead_lettered, tagged with job and stage).
/// </summary>
public sealed class StreamMetrics : IDisposable
{
    /// <summary>The name of the meter the counters are published on.</summary>
    public const string MeterName = "StreamJobs";

    private readonly ConcurrentDictionary<(string Job, string Stage), StageMetrics> _stages = new();
    private readonly Meter _meter;

    /// <summary>Creates the registry and its meter.</summary>
    public StreamMetrics()
    {
        _meter = new Meter(MeterName);
        Observe("streamjobs.records.in", "Records received by a stage.", s => s.In);
        Observe("streamjobs.records.out", "Records emitted by a stage.", s => s.Out);
        Observe("streamjobs.records.dropped", "Records discarded by a stage (bounds, lateness, slow taps).", s => s.Dropped);
        Observe("streamjobs.records.dead_lettered", "Records a stage failed on.", s => s.DeadLettered);
    }

    /// <summary>Every registered stage.</summary>
    public IReadOnlyCollection<StageMetrics> Stages => (IReadOnlyCollection<StageMetrics>)_stages.Values;

    /// <summary>The counters of <paramref name="stage"/> in <paramref name="job"/>, created on first use.</summary>
    public StageMetrics For(string job, string stage, StageKind kind = StageKind.Flow) =>
        _stages.GetOrAdd((job, stage), static (key, kind) => new StageMetrics(key.Job, key.Stage, kind), kind);

    /// <summary>Stages of one job, in no particular order.</summary>
    public IEnumerable<StageMetrics> ForJob(string job) => _stages.Values.Where(s => s.Job == job);

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();

    private void Observe(string name, string description, Func<StageMetrics, long> read) =>
        _meter.CreateObservableCounter(name, () => _stages.Values.Select(s =>
            new Measurement<long>(read(s), new KeyValuePair<string, object?>("job", s.Job), new KeyValuePair<string, object?>("stage", s.Stage))),
            unit: "{record}", description: description);
}
