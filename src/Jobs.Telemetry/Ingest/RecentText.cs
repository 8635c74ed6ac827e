using System.Text;
using CommunityToolkit.HighPerformance.Buffers;

namespace StreamJobs.Telemetry.Ingest;

/// <summary>
/// A small per-thread table in front of the shared string pool: the text a thread decoded last, found by a hash of its
/// UTF-8 bytes and compared byte for byte. The shared pool locks a bucket per lookup, and with every request thread
/// asking for the same few names (services, operations, tag keys) those locks were contended: a CPU profile of the
/// host under Zipkin load had about two thirds of the parse's samples waiting to enter them. The
/// strings here come from the shared pool, so threads still share one instance of each. Fixed size; a collision
/// replaces the entry.
/// </summary>
internal sealed class RecentText
{
    private const int Size = 1024; // a power of two; a thousand names and addresses cover most senders, ~60 KB a thread

    [ThreadStatic]
    private static RecentText? t_recent;

    private readonly byte[]?[] _bytes = new byte[]?[Size];
    private readonly string?[] _text = new string?[Size];

    public static RecentText ForThisThread => t_recent ??= new RecentText();

    /// <summary>The text of <paramref name="utf8"/> (valid UTF-8, at most <see cref="SharedText.MaxPooledBytes"/>), from the shared pool on a miss.</summary>
    public string GetOrAdd(ReadOnlySpan<byte> utf8)
    {
        var hash = new HashCode();
        hash.AddBytes(utf8);
        var slot = hash.ToHashCode() & (Size - 1);
        if (_bytes[slot] is { } known && utf8.SequenceEqual(known))
        {
            return _text[slot]!;
        }

        var text = StringPool.Shared.GetOrAdd(utf8, Encoding.UTF8);
        _bytes[slot] = utf8.ToArray();
        _text[slot] = text;
        return text;
    }
}
