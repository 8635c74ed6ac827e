using System.Globalization;

namespace StreamJobs.Spans.Benchmarks;

/// <summary>The host's GC counters from its <c>/metrics</c> (the runtime's own meter): bytes allocated and seconds paused so far.</summary>
internal static class RuntimeGc
{
    public static async Task<(long AllocatedBytes, double PauseSeconds)?> ReadAsync(HttpClient http, Uri target)
    {
        using var response = await http.GetAsync(new Uri(target, "/metrics"));
        if (!response.IsSuccessStatusCode) return null; // the parse-only limit has no /metrics
        var text = await response.Content.ReadAsStringAsync();
        var allocated = Value(text, "dotnet_gc_heap_total_allocated_bytes_total");
        var pause = Value(text, "dotnet_gc_pause_time_seconds_total");
        return allocated is null || pause is null ? null : ((long)allocated.Value, pause.Value);
    }

    private static double? Value(string metrics, string name)
    {
        foreach (var line in metrics.Split('\n'))
        {
            if (!line.StartsWith(name, StringComparison.Ordinal) || line.Length <= name.Length || line[name.Length] is not ('{' or ' ')) continue;
            return double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
        }
        return null;
    }
}
