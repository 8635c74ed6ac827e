using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

namespace StreamJobs.TailSampler;

/// <summary>
/// Process-wide sampling counters: traces decided, kept by policy, dropped, and late traces and spans (spans that came
/// after their trace was decided). Published on the <c>StreamJobs.TailSampler</c> meter; register one as a singleton to share it.
/// </summary>
public sealed class TailSamplerMetrics : IDisposable
{
    private readonly Meter _meter = new("StreamJobs.TailSampler");
    private readonly ConcurrentDictionary<string, StrongBox<long>> _kept = new(StringComparer.Ordinal);
    private long _in, _dropped, _lateTraces, _lateSpans;

    /// <summary>Creates the counters and their meter.</summary>
    public TailSamplerMetrics()
    {
        _meter.CreateObservableCounter("streamjobs.sampler.traces", () => Decisions(), "{trace}", "Traces decided, by decision and keeping policy.");
        _meter.CreateObservableCounter("streamjobs.sampler.late_traces", () => LateTraces, "{trace}", "Traces whose id was already decided (late spans).");
        _meter.CreateObservableCounter("streamjobs.sampler.late_spans", () => LateSpans, "{span}", "Spans that arrived after their trace was decided.");
    }

    /// <summary>Traces decided.</summary>
    public long TracesIn => Interlocked.Read(ref _in);

    /// <summary>Traces kept, all policies.</summary>
    public long Kept => _kept.Values.Sum(v => Interlocked.Read(ref v.Value));

    /// <summary>Traces dropped (no keep policy matched, or a drop policy did).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Traces whose id had been decided before.</summary>
    public long LateTraces => Interlocked.Read(ref _lateTraces);

    /// <summary>Spans in those late traces.</summary>
    public long LateSpans => Interlocked.Read(ref _lateSpans);

    /// <summary>Traces kept per policy name.</summary>
    public IReadOnlyDictionary<string, long> KeptByPolicy() =>
        _kept.ToDictionary(p => p.Key, p => Interlocked.Read(ref p.Value.Value), StringComparer.Ordinal);

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();

    internal void Count(SamplingDecision decision, int spans)
    {
        Interlocked.Increment(ref _in);
        if (decision.Late)
        {
            Interlocked.Increment(ref _lateTraces);
            Interlocked.Add(ref _lateSpans, spans);
        }
        if (decision.Keep) Interlocked.Increment(ref KeptCounter(decision.Policy).Value);
        else Interlocked.Increment(ref _dropped);
    }

    /// <summary>The counter of one policy; policy names are few, so this dictionary stays small.</summary>
    private StrongBox<long> KeptCounter(string policy) =>
        _kept.TryGetValue(policy, out var box) ? box : _kept.GetOrAdd(policy, static _ => new StrongBox<long>());

    private IEnumerable<Measurement<long>> Decisions()
    {
        yield return new Measurement<long>(Dropped, new KeyValuePair<string, object?>("decision", "dropped"));
        foreach (var (policy, count) in _kept)
        {
            yield return new Measurement<long>(Interlocked.Read(ref count.Value),
                new KeyValuePair<string, object?>("decision", "kept"), new KeyValuePair<string, object?>("policy", policy));
        }
    }
}
