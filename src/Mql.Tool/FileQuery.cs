using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace StreamJobs.Mql.Tool;

/// <summary>
/// <c>mql --file events.ndjson "…"</c>: runs a query offline over one JSON object per line, like jq for scripts.
/// Lines that are not JSON are reported to stderr with their number and skipped. Aggregates are emitted at the
/// end of the file (every window, in order).
/// </summary>
internal static class FileQuery
{
    public static async Task<int> RunAsync(string path, string text, ToolSettings settings, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (QueryErrors.Parse(text, error) is not { } query) return ExitCodes.BadQuery;
        TextReader reader;
        try
        {
            reader = path == "-" ? Console.In : new StreamReader(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"mql: cannot read {path}: {e.Message}");
            return ExitCodes.Failed;
        }

        var compiled = query.Compile(MqlSchema.Json);
        var aggregator = query.RequiresAggregator ? compiled.CreateAggregator() : null;
        var limit = Math.Min(aggregator is null ? query.Limit ?? long.MaxValue : long.MaxValue, settings.Limit ?? long.MaxValue);
        var results = new ResultOutput(output, settings.Table);
        var buffer = new MemoryStream();
        using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        var number = 0;
        using (reader)
        {
            // The limit is checked before reading too, so LIMIT 0 prints (and reads) nothing.
            while (results.Written < limit && await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                number++;
                if (string.IsNullOrWhiteSpace(line)) continue;
                JsonDocument document;
                try
                {
                    document = JsonDocument.Parse(line);
                }
                catch (JsonException e)
                {
                    error.WriteLine($"mql: {path}:{number}: not JSON, skipped: {e.Message}");
                    continue;
                }
                using (document)
                {
                    var record = document.RootElement;
                    if (aggregator is not null)
                    {
                        // The aggregator applies SAMPLE and WHERE itself.
                        if (settings.TimeField is null) aggregator.Add(record);
                        else if (EventTime(record, settings.TimeField) is { } time) aggregator.Add(record, time);
                        else error.WriteLine($"mql: {path}:{number}: no usable '{settings.TimeField}' (seconds since the epoch or an ISO 8601 time), skipped");
                        continue;
                    }
                    if (!compiled.Matches(record)) continue;
                    buffer.SetLength(0);
                    writer.Reset(buffer);
                    compiled.WriteProjection(writer, record);
                    writer.Flush();
                    results.Write(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
                    if (results.Written >= limit) break;
                }
            }
        }

        if (aggregator is not null)
        {
            DateTimeOffset? window = null;
            foreach (var row in aggregator.Flush())
            {
                if (results.Written >= limit) break;
                if (row.WindowStart != window) results.EndBurst(Title(window));
                window = row.WindowStart;
                results.Write(row.ToString());
            }
            results.EndBurst(Title(window));
        }
        if (compiled.UnknownProperties.Count > 0 && results.Written == 0)
            error.WriteLine("mql: no results; note these properties were never declared and read as null: " + string.Join(", ", compiled.UnknownProperties));
        return ExitCodes.Ok;
    }

    private static string? Title(DateTimeOffset? window) => window?.ToString("u", CultureInfo.InvariantCulture);

    private static DateTimeOffset? EventTime(JsonElement record, string field)
    {
        if (record.ValueKind != JsonValueKind.Object || !record.TryGetProperty(field, out var value)) return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var seconds))
            return DateTimeOffset.UnixEpoch.AddMilliseconds(seconds * 1000);
        if (value.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
            return time;
        return null;
    }
}
