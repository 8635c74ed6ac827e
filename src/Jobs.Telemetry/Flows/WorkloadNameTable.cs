using System.Text;

namespace StreamJobs.Telemetry.Flows;

/// <summary>
/// A bounded string table that returns one shared instance per workload name, so decoding a record with a
/// known name allocates nothing. Not thread-safe: give each decoder its own table or share under a lock.
/// </summary>
public sealed class WorkloadNameTable
{
    /// <summary>The longest name, in UTF-16 chars, the table interns; longer names are rejected by the decoders.</summary>
    public const int MaxNameLength = 256;

    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly int _capacity;

    /// <summary>Creates a table holding at most <paramref name="capacity"/> names.</summary>
    public WorkloadNameTable(int capacity = 100_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
        _lookup = _names.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Names interned so far.</summary>
    public int Count => _names.Count;

    /// <summary>Names returned without interning because the table was full (each of those allocated).</summary>
    public long Overflows { get; private set; }

    /// <summary>Returns the shared instance for <paramref name="name"/>, adding it when there is room.</summary>
    public string Intern(ReadOnlySpan<char> name)
    {
        if (_lookup.TryGetValue(name, out var existing))
        {
            return existing;
        }

        var created = new string(name);
        if (_names.Count >= _capacity)
        {
            Overflows++;
            return created;
        }

        _names.Add(created, created);
        return created;
    }

    /// <summary>Returns the shared instance for the name <paramref name="name"/>.</summary>
    public string Intern(string name) => Intern(name.AsSpan());

    /// <summary>Interns a UTF-8 name; false when it is not valid UTF-8 or longer than <see cref="MaxNameLength"/>.</summary>
    public bool TryIntern(ReadOnlySpan<byte> utf8Name, out string name)
    {
        name = string.Empty;
        if (utf8Name.Length > MaxNameLength * 3 || !System.Text.Unicode.Utf8.IsValid(utf8Name))
        {
            return false;
        }

        Span<char> chars = stackalloc char[MaxNameLength * 3];
        int count = Encoding.UTF8.GetChars(utf8Name, chars);
        if (count > MaxNameLength)
        {
            return false;
        }

        name = Intern(chars[..count]);
        return true;
    }
}
