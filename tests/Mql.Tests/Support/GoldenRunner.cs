using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace StreamJobs.Mql.Tests.Support;

/// <summary>
/// Runs a query over the golden data set and renders the outcome as one line:
/// <c>error: line L, column C: …</c> for bad queries; the JSON outputs separated by spaces for streaming
/// queries; for aggregating/ordered queries the flushed rows, prefixed by <c>@start</c> (seconds) when windowed;
/// <c>(none)</c> when nothing is emitted.
/// </summary>
public static class GoldenRunner
{
    private static readonly DateTimeOffset Epoch = DateTimeOffset.UnixEpoch;

    public static string Run(string text)
    {
        if (!global::StreamJobs.Mql.Mql.TryParse(text, out var query, out var error))
        {
            return "error: " + error;
        }

        var compiled = query.Compile(MqlSchema.Json, new MqlCompileOptions { Random = new Random(7) });
        var outputs = new List<string>();
        if (query.RequiresAggregator)
        {
            var aggregator = compiled.CreateAggregator(new ManualTimeProvider(Epoch));
            foreach (var record in GoldenFiles.Records)
            {
                var ts = record.TryGetProperty("ts", out var t) ? t.GetDouble() : 0;
                aggregator.Add(record, Epoch.AddSeconds(ts));
            }

            foreach (var row in aggregator.Flush())
            {
                var prefix = row.WindowStart is { } start ? $"@{(start - Epoch).TotalSeconds}" : string.Empty;
                outputs.Add(prefix + row);
            }
        }
        else
        {
            var buffer = new ArrayBufferWriter<byte>();
            foreach (var record in GoldenFiles.Records)
            {
                buffer.ResetWrittenCount();
                using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
                if (compiled.TryWrite(writer, record))
                {
                    writer.Flush();
                    outputs.Add(Encoding.UTF8.GetString(buffer.WrittenSpan));
                }
            }
        }

        return outputs.Count == 0 ? "(none)" : string.Join(' ', outputs);
    }
}
