using System.Buffers;
using System.Text.Json;
using StreamJobs.Streams;

namespace StreamJobs.IO;

/// <summary>
/// Writes batches as JSON lines into size-rotated files; one write and one flush per batch. The first file of a run
/// removes the files an earlier run left under the same prefix, so numbering restarting at 0001 never mixes two runs.
/// </summary>
internal sealed class NdjsonFileWriter<T> : IAsyncDisposable
{
    private readonly NdjsonFileOptions _options;
    private readonly Action<Utf8JsonWriter, T> _write;
    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);
    private readonly Utf8JsonWriter _json;
    private FileStream? _file;
    private int _sequence;

    public NdjsonFileWriter(NdjsonFileOptions options, Action<Utf8JsonWriter, T> write)
    {
        _options = options;
        _write = write;
        _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true });
        System.IO.Directory.CreateDirectory(options.Directory);
    }

    public async ValueTask WriteAsync(Batch<T> batch, CancellationToken cancellationToken)
    {
        Encode(batch);
        var file = _file ??= Open();
        await file.WriteAsync(_buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        await file.FlushAsync(cancellationToken).ConfigureAwait(false);
        _buffer.Clear();
        if (file.Length >= _options.RotateBytes)
        {
            await file.DisposeAsync().ConfigureAwait(false);
            _file = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_file is not null) await _file.DisposeAsync().ConfigureAwait(false);
        _file = null;
        await _json.DisposeAsync().ConfigureAwait(false);
    }

    private void Encode(Batch<T> batch)
    {
        foreach (var record in batch)
        {
            _json.Reset(_buffer);
            _write(_json, record);
            _json.Flush();
            _buffer.Write("\n"u8);
        }
    }

    private FileStream Open()
    {
        if (_sequence == 0) RemoveEarlierRun();
        var path = Path.Combine(_options.Directory, $"{_options.Prefix}-{++_sequence:D4}.ndjson");
        var stale = _sequence - _options.MaxFiles;
        if (stale > 0) File.Delete(Path.Combine(_options.Directory, $"{_options.Prefix}-{stale:D4}.ndjson"));
        return new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1, FileOptions.Asynchronous);
    }

    /// <summary>Deletes <c>prefix-NNNN.ndjson</c> files only: other files in the folder are not this sink's.</summary>
    private void RemoveEarlierRun()
    {
        foreach (var file in System.IO.Directory.EnumerateFiles(_options.Directory, _options.Prefix + "-*.ndjson"))
        {
            var number = Path.GetFileNameWithoutExtension(file).AsSpan(_options.Prefix.Length + 1);
            if (number.Length >= 4 && !number.ContainsAnyExceptInRange('0', '9')) File.Delete(file);
        }
    }
}
