using System.Text;
using System.Text.Unicode;
using CommunityToolkit.HighPerformance.Buffers;

namespace StreamJobs.Telemetry.Ingest;

/// <summary>
/// Text read from a request body. Short text comes from a shared, bounded <see cref="StringPool"/>: service, operation
/// and tag names repeat on nearly every span, and one instance each instead of one per span is most of a buffered
/// span's heap. Hostile text cannot grow the pool (fixed size, least used dropped); longer text (URLs, messages, ids) is
/// rarely repeated and is never pooled. Each thread looks in its <see cref="RecentText"/> first, which spares the pool's locks.
/// </summary>
internal static class SharedText
{
    public const int MaxPooledBytes = 64;

    /// <summary>The text of <paramref name="utf8"/>; false when it is not valid UTF-8.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> utf8, out string value)
    {
        value = string.Empty;
        if (!Utf8.IsValid(utf8))
        {
            return false;
        }

        if (!utf8.IsEmpty)
        {
            value = utf8.Length <= MaxPooledBytes ? RecentText.ForThisThread.GetOrAdd(utf8) : Encoding.UTF8.GetString(utf8);
        }

        return true;
    }
}
