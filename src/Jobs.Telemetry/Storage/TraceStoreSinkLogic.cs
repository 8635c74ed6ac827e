using Microsoft.Extensions.Logging;
using StreamJobs.Acknowledgement;
using StreamJobs.Streams;

namespace StreamJobs.Telemetry.Storage;

/// <summary>Per run of a <see cref="TraceStoreSink"/>: write the batch (retrying), then complete the receipts.</summary>
internal sealed class TraceStoreSinkLogic<T>(ITraceStore store, Func<T, TraceWrite> describe) : AcknowledgingSinkLogic<T>
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LongestDelay = TimeSpan.FromSeconds(10);
    private readonly List<TraceWrite> _writes = [];

    protected override async ValueTask WriteAsync(Batch<T> batch, CancellationToken aborted)
    {
        _writes.Clear();
        for (int i = 0; i < batch.Count; i++)
        {
            try
            {
                _writes.Add(describe(batch[i]));
            }
            catch (Exception e) when (e is ArgumentException or NullReferenceException or InvalidOperationException)
            {
                DeadLetter(batch[i], e);
            }
        }

        TimeSpan delay = FirstDelay;
        while (true)
        {
            try
            {
                await store.WriteAsync(_writes, aborted).ConfigureAwait(false);
                break;
            }
            catch (Exception e) when (!aborted.IsCancellationRequested && e is not OperationCanceledException)
            {
                Logger.LogWarning("Trace store write of {Count} traces failed ({Error}); retrying in {Delay} ms", _writes.Count, e.Message, (long)delay.TotalMilliseconds);
                await Task.Delay(delay, aborted).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestDelay.Ticks));
            }
        }

        foreach (TraceWrite write in _writes)
        {
            ((IHasReceipts)write.Trace).CompleteReceipts();
        }

        _writes.Clear();
    }
}
