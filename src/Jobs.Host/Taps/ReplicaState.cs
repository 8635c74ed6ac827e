using System.Text.Json;

namespace StreamJobs.Host.Taps;

/// <summary>What the fan-out coordinator knows about one replica's tap: its last counters, or why it failed.</summary>
internal sealed class ReplicaState(string url)
{
    private volatile string? _error;

    public string Url { get; } = url;

    /// <summary>The replica's last <c>$meta</c> object (read by the merge loop only).</summary>
    public JsonElement? Meta { get; set; }

    public string? Error
    {
        get => _error;
        set => _error = value;
    }

    public long Counter(string name) => Meta is { } meta && meta.TryGetProperty(name, out var value) && value.TryGetInt64(out var n) ? n : 0;

    public void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("url", Url);
        writer.WriteNumber("matched", Counter("matched"));
        writer.WriteNumber("emitted", Counter("emitted"));
        writer.WriteNumber("dropped", Counter("dropped"));
        writer.WriteNumber("tapDropped", Counter("tapDropped"));
        writer.WriteNumber("rateLimited", Counter("rateLimited"));
        writer.WriteNumber("overBudget", Counter("overBudget"));
        writer.WriteNumber("regexTimeouts", Counter("regexTimeouts"));
        if (Meta is { } meta && meta.TryGetProperty("end", out var end)) writer.WriteString("end", end.GetString());
        if (Meta is { } stopped && stopped.TryGetProperty("reason", out var reason)) writer.WriteString("reason", reason.GetString());
        if (Error is { } error) writer.WriteString("error", error);
        writer.WriteEndObject();
    }
}
