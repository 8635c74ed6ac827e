using System.Collections;
using System.Diagnostics.CodeAnalysis;
using StreamJobs.Telemetry.Spans;

namespace StreamJobs.Host.Taps;

/// <summary>
/// A span's attributes seen as a string map for MQL (<c>tags['http.method']</c>), without copying them into a
/// dictionary: lookups scan the short attribute list. Non-string attributes read as their text.
/// </summary>
internal sealed class SpanTags(IReadOnlyList<SpanAttribute> attributes) : IReadOnlyDictionary<string, string>
{
    public int Count => attributes.Count;

    public IEnumerable<string> Keys => attributes.Select(a => a.Key);

    public IEnumerable<string> Values => attributes.Select(a => Text(a.Value));

    public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        for (var i = 0; i < attributes.Count; i++)
        {
            if (string.Equals(attributes[i].Key, key, StringComparison.Ordinal))
            {
                value = Text(attributes[i].Value);
                return true;
            }
        }
        value = null;
        return false;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
    {
        for (var i = 0; i < attributes.Count; i++) yield return new(attributes[i].Key, Text(attributes[i].Value));
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static string Text(AttributeValue value) => value.AsString ?? value.ToString();
}
