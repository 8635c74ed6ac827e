using System.Collections;
using System.Diagnostics.CodeAnalysis;
using StreamJobs.Telemetry.Spans;

namespace StreamJobs.TailSampler;

/// <summary>
/// A read-only string map over a span's attributes, so MQL can read <c>spans[*].tags['http.status_code']</c> without
/// the span keeping a dictionary. Lookups scan the (short) attribute list; values are rendered as Zipkin tag text.
/// </summary>
internal sealed class SpanTagMap(IReadOnlyList<SpanAttribute> attributes) : IReadOnlyDictionary<string, string>
{
    public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    public IEnumerable<string> Keys => attributes.Select(a => a.Key);

    public IEnumerable<string> Values => attributes.Select(a => a.Value.ToString());

    public int Count => attributes.Count;

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        for (var i = 0; i < attributes.Count; i++)
        {
            if (string.Equals(attributes[i].Key, key, StringComparison.Ordinal))
            {
                value = attributes[i].Value.ToString();
                return true;
            }
        }
        value = null;
        return false;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
    {
        for (var i = 0; i < attributes.Count; i++) yield return new(attributes[i].Key, attributes[i].Value.ToString());
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
