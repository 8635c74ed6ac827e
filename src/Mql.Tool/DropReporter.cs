using System.Text.Json;

namespace StreamJobs.Mql.Tool;

/// <summary>
/// Reads the tap's <c>$meta</c> lines and tells stderr when records were lost (tap buffer full, rate limit) and
/// which properties the host does not know, so a quiet result is never mistaken for a complete one.
/// </summary>
internal sealed class DropReporter(TextWriter error)
{
    private long _dropped;

    public static bool IsMeta(string line) => line.StartsWith("{\"$meta\"", StringComparison.Ordinal);

    /// <summary>Handles one meta line; returns its <c>end</c> reason when it is the last one.</summary>
    public string? Read(string line)
    {
        using var document = JsonDocument.Parse(line);
        var meta = document.RootElement.GetProperty("$meta");
        if (meta.TryGetProperty("unknownProperties", out var unknown) && unknown.GetArrayLength() > 0)
            error.WriteLine("mql: the stream has no " + string.Join(", ", unknown.EnumerateArray().Select(u => u.GetString())) + " (read as null)");
        var dropped = meta.TryGetProperty("dropped", out var d) ? d.GetInt64() : 0;
        if (dropped > _dropped)
        {
            _dropped = dropped;
            error.WriteLine($"mql: {Describe(meta)}");
        }
        if (meta.TryGetProperty("replicas", out var replicas))
        {
            foreach (var replica in replicas.EnumerateArray())
            {
                if (replica.TryGetProperty("error", out var failed)) error.WriteLine($"mql: replica {replica.GetProperty("url").GetString()}: {failed.GetString()}");
            }
        }
        return meta.TryGetProperty("end", out var end) ? end.GetString() : null;
    }

    private static string Describe(JsonElement meta)
    {
        var text = $"dropped {meta.GetProperty("dropped").GetInt64():N0} records so far";
        if (meta.TryGetProperty("tapDropped", out var tap))
            text += $" (tap buffer full {tap.GetInt64():N0}, rate limit {meta.GetProperty("rateLimited").GetInt64():N0})";
        if (meta.TryGetProperty("replicas", out var replicas))
            text += "; " + string.Join(", ", replicas.EnumerateArray().Select(r => $"{r.GetProperty("url").GetString()} dropped {r.GetProperty("dropped").GetInt64():N0}"));
        return text;
    }
}
