using StreamJobs.Telemetry.Spans;

namespace StreamJobs.TailSampler;

/// <summary>
/// Remembers the last N decisions by trace id in a ring: inserting into a full ring forgets the
/// oldest decision. O(1) per operation and fixed memory.
/// </summary>
internal sealed class DecisionCache
{
    private readonly Dictionary<TraceId, SamplingDecision> _decisions;
    private readonly TraceId[] _ring;
    private int _next;
    private int _count;

    public DecisionCache(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _ring = new TraceId[capacity];
        _decisions = new Dictionary<TraceId, SamplingDecision>(Math.Min(capacity, 1 << 16));
    }

    public int Count => _decisions.Count;

    public long Evictions { get; private set; }

    public bool TryGet(TraceId traceId, out SamplingDecision decision) => _decisions.TryGetValue(traceId, out decision);

    public void Add(TraceId traceId, SamplingDecision decision)
    {
        if (!_decisions.TryAdd(traceId, decision))
        {
            _decisions[traceId] = decision;
            return;
        }

        if (_count == _ring.Length)
        {
            _decisions.Remove(_ring[_next]);
            Evictions++;
        }
        else
        {
            _count++;
        }

        _ring[_next] = traceId;
        _next = (_next + 1) % _ring.Length;
    }
}
