using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using StreamJobs.Mql;

namespace StreamJobs.FlowEnricher.Tests.Mql;

/// <summary>
/// Runs one golden query over a stream's records and renders the outcome as one line: <c>error: …</c>, the JSON
/// outputs separated by spaces (aggregating queries: the flushed rows), or <c>(none)</c>.
/// </summary>
internal static class FlowGoldenRunner
{
    public static string Run<T>(string text, MqlSchema<T> schema, IReadOnlyList<T> records)
    {
        if (!StreamJobs.Mql.Mql.TryParse(text, out var query, out var error)) return "error: " + error;

        var compiled = query.Compile(schema);
        if (compiled.UnknownProperties.Count > 0) return "unknown: " + string.Join(", ", compiled.UnknownProperties);

        var outputs = new List<string>();
        if (query.RequiresAggregator)
        {
            var aggregator = compiled.CreateAggregator();
            foreach (var record in records) aggregator.Add(record);
            outputs.AddRange(aggregator.Flush().Select(row => row.ToString()));
        }
        else
        {
            var buffer = new ArrayBufferWriter<byte>();
            foreach (var record in records)
            {
                buffer.ResetWrittenCount();
                using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
                if (!compiled.TryWrite(writer, record)) continue;
                writer.Flush();
                outputs.Add(Encoding.UTF8.GetString(buffer.WrittenSpan));
            }
        }

        return outputs.Count == 0 ? "(none)" : string.Join(' ', outputs);
    }
}
