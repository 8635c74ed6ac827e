namespace StreamJobs.FlowEnricher.Ownership;

/// <summary>
/// Small numbers for the workload names of one <see cref="IpOwnershipTable"/>, so an <see cref="IndexEntry"/> holds its
/// owners as 4-byte ids (no references: the entry fits one cache line). Names are few (applications, not IPs); the
/// table numbers them afresh from its live histories once half the bound is used (names of expired evidence go), and
/// past <see cref="MaxNames"/> an entry marks its copies unusable, so its lookups read the history: slower, not wrong.
/// </summary>
internal sealed class OwnerNames
{
    /// <summary>No range: the IP has no events (owner of the event range) or no heartbeats (heartbeat owner).</summary>
    public const int None = -1;

    /// <summary>An explicitly unowned stretch (an event range whose owner is null).</summary>
    public const int Unowned = 0;

    /// <summary>The name could not be numbered (too many names): the entry's copies must not be used.</summary>
    public const int Unnumbered = -2;

    /// <summary>Bound on distinct names numbered per table.</summary>
    public const int MaxNames = 1 << 16;

    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private string?[] _names = new string?[16];
    private int _count = 1;

    /// <summary>Ids handed out, <see cref="Unowned"/> included.</summary>
    public int Count => _count;

    /// <summary>Forgets every name; the caller numbers its live ones again.</summary>
    public void Clear()
    {
        _ids.Clear();
        _names = new string?[16];
        _count = 1;
    }

    /// <summary>The name of <paramref name="id"/> (null for <see cref="Unowned"/>); only ids this table handed out.</summary>
    public string? this[int id] => _names[id];

    /// <summary>
    /// The id of <paramref name="name"/> (<see cref="Unowned"/> for null), numbering it when new, or
    /// <see cref="Unnumbered"/> when the bound is reached. <paramref name="hint"/>, the id held before, is checked first:
    /// an IP's owner rarely changes, so this usually costs one string comparison, not a hash.
    /// </summary>
    public int IdOf(string? name, int hint)
    {
        if (name is null)
        {
            return Unowned;
        }

        // By content, not only by reference: heartbeats carry names interned by the decoder, events by the table.
        if (hint > 0 && hint < _count && (ReferenceEquals(_names[hint], name) || string.Equals(_names[hint], name, StringComparison.Ordinal)))
        {
            return hint;
        }

        if (_ids.TryGetValue(name, out int id))
        {
            return id;
        }

        if (_count == MaxNames)
        {
            return Unnumbered;
        }

        if (_count == _names.Length)
        {
            Array.Resize(ref _names, _names.Length * 2);
        }

        _names[_count] = name;
        _ids.Add(name, _count);
        return _count++;
    }
}
