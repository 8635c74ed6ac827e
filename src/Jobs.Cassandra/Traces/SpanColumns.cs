using StreamJobs.Telemetry.Spans;

namespace StreamJobs.Cassandra.Traces;

/// <summary>Derived span columns: kind names without per-span strings, the error flag, tags as text.</summary>
internal static class SpanColumns
{
    private static readonly string[] KindNames = ["", "INTERNAL", "SERVER", "CLIENT", "PRODUCER", "CONSUMER"];

    public static string Kind(SpanKind kind) => (uint)kind < (uint)KindNames.Length ? KindNames[(int)kind] : kind.ToString();

    /// <summary>The per-span form of the trace error rule in docs/spans.md.</summary>
    public static bool IsError(Span span)
    {
        if (span.Status == SpanStatusCode.Error)
        {
            return true;
        }

        IReadOnlyList<SpanAttribute> attributes = span.Attributes;
        for (int i = 0; i < attributes.Count; i++)
        {
            var (key, value) = attributes[i];
            switch (key)
            {
                case "error" when !string.Equals(value.ToString(), "false", StringComparison.OrdinalIgnoreCase):
                case "otel.status_code" when string.Equals(value.ToString(), "ERROR", StringComparison.OrdinalIgnoreCase):
                case "http.status_code" or "http.response.status_code" when value.TryGetInt64(out long code) && code >= 500:
                    return true;
            }
        }

        return false;
    }

    /// <summary>The attributes as text (how Zipkin carries tags), or null when there are none.</summary>
    public static Dictionary<string, string>? Tags(Span span)
    {
        IReadOnlyList<SpanAttribute> attributes = span.Attributes;
        if (attributes.Count == 0)
        {
            return null;
        }

        var tags = new Dictionary<string, string>(attributes.Count, StringComparer.Ordinal);
        for (int i = 0; i < attributes.Count; i++)
        {
            tags[attributes[i].Key] = attributes[i].Value.ToString();
        }

        return tags;
    }
}
