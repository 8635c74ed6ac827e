using System.Text.Json;

namespace StreamJobs.Host.Taps;

/// <summary>What one tap has seen so far; written as the <c>$meta</c> control line.</summary>
internal sealed class TapCounters
{
    public long Delivered;
    public long TapDropped;
    public long RateLimited;
    public long OverBudget;
    public long Matched;
    public long Emitted;
    public long RegexTimeouts;

    public long Dropped => TapDropped + RateLimited + OverBudget;

    /// <summary>
    /// Writes <c>{"$meta":{…}}</c>; <paramref name="end"/> is set on the last line only, <paramref name="reason"/>
    /// when the host ended the tap itself.
    /// </summary>
    public void WriteMeta(Utf8JsonWriter writer, string stream, string? end, Action<Utf8JsonWriter>? extra = null, string? reason = null)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("$meta");
        writer.WriteString("stream", stream);
        writer.WriteNumber("delivered", Delivered);
        writer.WriteNumber("matched", Matched);
        writer.WriteNumber("emitted", Emitted);
        writer.WriteNumber("dropped", Dropped);
        writer.WriteNumber("tapDropped", TapDropped);
        writer.WriteNumber("rateLimited", RateLimited);
        writer.WriteNumber("overBudget", OverBudget);
        writer.WriteNumber("regexTimeouts", RegexTimeouts);
        extra?.Invoke(writer);
        if (end is not null) writer.WriteString("end", end);
        if (reason is not null) writer.WriteString("reason", reason);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
