using System.Collections;
using StreamJobs.Telemetry.Spans;

namespace StreamJobs.SpanBuffer.Tests.Support;

/// <summary>An output that counts traces and spans but keeps none, so huge runs stay small.</summary>
internal sealed class CountingCollection : ICollection<Trace>
{
    public int Count { get; private set; }

    public long Spans { get; private set; }

    public int Early { get; private set; }

    public bool IsReadOnly => false;

    public void Add(Trace item)
    {
        Count++;
        Spans += item.Spans.Count;
        Early += item.DecidedEarly ? 1 : 0;
    }

    public void Clear() => Count = 0;

    public bool Contains(Trace item) => false;

    public void CopyTo(Trace[] array, int arrayIndex)
    {
    }

    public bool Remove(Trace item) => false;

    public IEnumerator<Trace> GetEnumerator() => Enumerable.Empty<Trace>().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
