using Microsoft.Extensions.Logging;
using StreamJobs.Acknowledgement;
using StreamJobs.Streams;
using StreamJobs.Telemetry.Spans;
using StreamJobs.Telemetry.Storage;

namespace StreamJobs.Cassandra.Traces;

/// <summary>
/// Per run of a <see cref="CassandraTraceSink"/>: writes each batch through the store, waits for every write to be
/// acknowledged (that wait is the backpressure), then completes the receipts of the traces' spans. A trace the server
/// refuses for good is dead-lettered (and its receipts completed, so the source is not held back by it forever).
/// </summary>
internal sealed class CassandraTraceSinkLogic<T>(
    Func<ILogger, CancellationToken, Task<TraceStore>> open,
    Func<T, TraceWrite> describe,
    TraceStoreOptions options) : AcknowledgingSinkLogic<T>
{
    private readonly List<TraceWrite> _writes = [];
    private readonly List<int> _sources = [];
    private TraceStore? _store;
    private Exception?[] _rejected = [];

    protected override async ValueTask WriteAsync(Batch<T> batch, CancellationToken aborted)
    {
        _store ??= await OpenAsync(aborted).ConfigureAwait(false);
        Describe(batch);
        if (_rejected.Length < _writes.Count)
        {
            _rejected = new Exception?[Math.Max(_writes.Count, _rejected.Length * 2)];
        }

        Array.Clear(_rejected, 0, _writes.Count);
        await _store.WriteAsync(_writes, _rejected, aborted).ConfigureAwait(false);
        for (int i = 0; i < _writes.Count; i++)
        {
            if (_rejected[i] is { } error)
            {
                DeadLetter(batch[_sources[i]], new InvalidOperationException($"Cassandra refused trace {_writes[i].Trace.TraceId}: {error.Message}", error));
            }

            CompleteReceipts(_writes[i].Trace);
        }

        _writes.Clear();
        _sources.Clear();
    }

    private static void CompleteReceipts(Trace trace)
    {
        IReadOnlyList<Span> spans = trace.Spans;
        for (int s = 0; s < spans.Count; s++)
        {
            spans[s].Receipt.Complete();
        }
    }

    private void Describe(Batch<T> batch)
    {
        _writes.Clear();
        _sources.Clear();
        for (int i = 0; i < batch.Count; i++)
        {
            try
            {
                _writes.Add(describe(batch[i]));
                _sources.Add(i);
            }
            catch (Exception e) when (e is ArgumentException or NullReferenceException or InvalidOperationException)
            {
                DeadLetter(batch[i], e);
            }
        }
    }

    private async Task<TraceStore> OpenAsync(CancellationToken aborted)
    {
        TimeSpan delay = options.RetryBaseDelay;
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await open(Logger, aborted).ConfigureAwait(false);
            }
            catch (Exception e) when (WriteErrors.IsTransient(e) && !aborted.IsCancellationRequested)
            {
                Logger.LogWarning("Cannot open the Cassandra trace store (attempt {Attempt}: {Error}); retrying in {Delay} ms", attempt, e.Message, (long)delay.TotalMilliseconds);
                await Task.Delay(delay, aborted).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.RetryMaxDelay.Ticks));
            }
        }
    }
}
