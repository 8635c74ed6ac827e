using System.Text.Json;
using StreamJobs.Streams;

namespace StreamJobs.IO;

/// <summary>Sinks that write files.</summary>
public static class FileSinks
{
    /// <summary>
    /// Writes each record as one JSON line, using <paramref name="write"/> to put the record on a <see cref="Utf8JsonWriter"/>
    /// (no reflection, no per-record string). Files rotate by size and the oldest are deleted.
    /// </summary>
    public static Sink<T, Task> Ndjson<T>(NdjsonFileOptions options, Action<Utf8JsonWriter, T> write) => Ndjson(options, write, null);

    /// <summary>
    /// As <see cref="Ndjson{T}(NdjsonFileOptions, Action{Utf8JsonWriter, T})"/>, calling <paramref name="written"/> with
    /// each batch once it is written and flushed: where an archive completes its records' receipts.
    /// </summary>
    public static Sink<T, Task> Ndjson<T>(NdjsonFileOptions options, Action<Utf8JsonWriter, T> write, Action<Batch<T>>? written)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(write);
        if (options.RotateBytes < 1) throw new ArgumentOutOfRangeException(nameof(options), options.RotateBytes, "RotateBytes must be positive.");
        if (options.MaxFiles < 1) throw new ArgumentOutOfRangeException(nameof(options), options.MaxFiles, "MaxFiles must be at least 1.");
        return new Sink<T, Task>((scope, attributes) =>
        {
            NdjsonFileWriter<T>? writer = null;
            var sink = Sink.FromBatches<T>(
                written is null
                    ? (batch, ct) => (writer ??= new NdjsonFileWriter<T>(options, write)).WriteAsync(batch, ct)
                    : async (batch, ct) =>
                    {
                        await (writer ??= new NdjsonFileWriter<T>(options, write)).WriteAsync(batch, ct).ConfigureAwait(false);
                        written(batch);
                    },
                () => writer?.DisposeAsync() ?? default,
                "ndjson-" + options.Prefix);
            return sink.Build(scope, attributes);
        });
    }
}
