using System.Text;
using System.Text.Unicode;

namespace StreamJobs.Telemetry.Ingest;

/// <summary>
/// Text read from a request body or a record. Short text comes from one shared, bounded <see cref="Utf8TextCache"/>:
/// service, operation and tag names repeat on nearly every span, and one instance each instead of one per span is
/// most of a buffered span's heap. Longer text (URLs, messages, ids) is rarely repeated and is never cached.
/// </summary>
internal static class SharedText
{
    public const int MaxPooledBytes = 64;

    // 8,192 slots: a fleet's hot names fit with few collisions; at most about 2 MB even when hostile text fills it.
    private static readonly Utf8TextCache Cache = new(8192);

    /// <summary>The text of <paramref name="utf8"/>; false when it is not valid UTF-8.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> utf8, out string value)
    {
        if (utf8.IsEmpty)
        {
            value = string.Empty;
            return true;
        }

        if (utf8.Length <= MaxPooledBytes) return Cache.TryGet(utf8, out value);
        value = string.Empty;
        if (!Utf8.IsValid(utf8)) return false;
        value = Encoding.UTF8.GetString(utf8);
        return true;
    }
}
