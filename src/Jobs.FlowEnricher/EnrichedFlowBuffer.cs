namespace StreamJobs.FlowEnricher;

/// <summary>A reusable growable buffer of enriched flows: collect a batch, read <see cref="Flows"/>, <see cref="Clear"/>.</summary>
public sealed class EnrichedFlowBuffer : IEnrichedFlowSink
{
    private EnrichedFlow[] _items;

    /// <summary>Creates a buffer with room for <paramref name="capacity"/> flows before it grows.</summary>
    public EnrichedFlowBuffer(int capacity = 1024)
    {
        _items = new EnrichedFlow[Math.Max(1, capacity)];
    }

    /// <summary>Flows collected since the last <see cref="Clear"/>.</summary>
    public int Count { get; private set; }

    /// <summary>The collected flows.</summary>
    public ReadOnlySpan<EnrichedFlow> Flows => _items.AsSpan(0, Count);

    /// <inheritdoc/>
    public void Accept(in EnrichedFlow flow)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        _items[Count++] = flow;
    }

    /// <summary>Forgets the collected flows (drops references so workload strings are not pinned).</summary>
    public void Clear()
    {
        Array.Clear(_items, 0, Count);
        Count = 0;
    }
}
