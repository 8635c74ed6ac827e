using System.Globalization;

namespace StreamJobs.Mql;

/// <summary>Durations as people type them for a tap or the <c>mql</c> command: <c>500ms</c>, <c>10s</c>, <c>2m</c>, <c>1h</c>, or <c>00:00:10</c>.</summary>
public static class MqlDuration
{
    /// <summary>Parses <paramref name="text"/>; false unless it is one of the forms above and positive.</summary>
    public static bool TryParse(string text, out TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(text);
        duration = default;
        var (number, unit) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], 1.0)
            : text.EndsWith('s') ? (text[..^1], 1000.0)
            : text.EndsWith('m') ? (text[..^1], 60_000.0)
            : text.EndsWith('h') ? (text[..^1], 3_600_000.0)
            : (null, 0);
        if (number is not null && double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var n))
            duration = TimeSpan.FromMilliseconds(n * unit);
        else if (!TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration))
            return false;
        return duration > TimeSpan.Zero;
    }
}
