using System.Text;
using System.Text.Json;

namespace StreamJobs.Mql;

/// <summary>One result row of an aggregating or ordered query: a JSON object of the SELECT columns.</summary>
public sealed class MqlRow
{
    private readonly byte[] _json;

    internal MqlRow(DateTimeOffset? windowStart, DateTimeOffset? windowEnd, byte[] json)
    {
        WindowStart = windowStart;
        WindowEnd = windowEnd;
        _json = json;
    }

    /// <summary>Start of the window the row belongs to; null without WINDOW.</summary>
    public DateTimeOffset? WindowStart { get; }

    /// <summary>End (exclusive) of the window; null without WINDOW.</summary>
    public DateTimeOffset? WindowEnd { get; }

    /// <summary>The row as UTF-8 JSON.</summary>
    public ReadOnlyMemory<byte> Utf8Json => _json;

    /// <summary>Writes the row into a JSON writer (e.g. as an element of a response array).</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteRawValue(_json, skipInputValidation: true);
    }

    /// <summary>The row as JSON text.</summary>
    public override string ToString() => Encoding.UTF8.GetString(_json);
}
