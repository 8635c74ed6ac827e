using Akka.Streams.TestKit;
using StreamJobs.Streams;

namespace StreamJobs.TestKit;

/// <summary>Record-level helpers for probes whose elements are batches.</summary>
public static class BatchProbeExtensions
{
    /// <summary>Sends <paramref name="records"/> as one batch once the stream has asked for it.</summary>
    public static TestPublisher.Probe<Batch<T>> SendBatch<T>(this TestPublisher.Probe<Batch<T>> probe, params T[] records)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(records);
        return probe.SendNext(new Batch<T>(records, records.Length));
    }

    /// <summary>Asks for one batch and returns its records (default timeout: <c>akka.test.single-expect-default</c>).</summary>
    public static T[] RequestNextBatch<T>(this TestSubscriber.Probe<Batch<T>> probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        return probe.RequestNext().ToArray();
    }

    /// <summary>Waits for the next batch, already asked for, and returns its records.</summary>
    public static T[] ExpectNextBatch<T>(this TestSubscriber.Probe<Batch<T>> probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        return probe.ExpectNext().ToArray();
    }
}
