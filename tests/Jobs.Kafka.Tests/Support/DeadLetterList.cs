using StreamJobs.Streams;

namespace StreamJobs.Kafka.Tests.Support;

/// <summary>Keeps dead letters for assertions.</summary>
public sealed class DeadLetterList : IDeadLetterSink
{
    private readonly List<DeadLetter> _items = new();

    public IReadOnlyList<DeadLetter> Items
    {
        get { lock (_items) return _items.ToArray(); }
    }

    public void Publish(DeadLetter letter)
    {
        lock (_items) _items.Add(letter);
    }
}
