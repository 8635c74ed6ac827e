using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace StreamJobs.NamedStreams;

/// <summary>The named streams of a process, by name. One per host (a DI singleton).</summary>
public sealed partial class NamedStreamRegistry
{
    private readonly ConcurrentDictionary<string, INamedStream> _streams = new(StringComparer.Ordinal);

    /// <summary>Every stream created so far.</summary>
    public IReadOnlyCollection<INamedStream> Streams => (IReadOnlyCollection<INamedStream>)_streams.Values;

    /// <summary>The stream called <paramref name="name"/>, created on first use.</summary>
    /// <exception cref="ArgumentException">The name is not lower-case letters, digits, '-', '_' or '.'.</exception>
    /// <exception cref="InvalidOperationException">The stream exists with another record type.</exception>
    public NamedStream<T> Stream<T>(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!ValidName().IsMatch(name))
            throw new ArgumentException($"'{name}' is not a valid stream name: use lower-case letters, digits, '-', '_' and '.', starting with a letter.", nameof(name));
        var stream = _streams.GetOrAdd(name, static n => new NamedStream<T>(n));
        return stream as NamedStream<T>
            ?? throw new InvalidOperationException($"Stream '{name}' carries {stream.RecordType.Name} records, not {typeof(T).Name}.");
    }

    /// <summary>At a drain: ends every stream that has no publisher, so its subscribers complete instead of waiting for the drain timeout.</summary>
    internal void EndUnpublished()
    {
        foreach (var stream in _streams.Values)
        {
            if (stream is IEndsUnpublished unpublished) unpublished.EndIfUnpublished();
        }
    }

    /// <summary>Looks a stream up by name.</summary>
    public bool TryGet(string name, [NotNullWhen(true)] out INamedStream? stream) => _streams.TryGetValue(name, out stream);

    [GeneratedRegex("^[a-z][a-z0-9._-]*$")]
    private static partial Regex ValidName();
}
