using StreamJobs.Host.Ingest;
using StreamJobs.Streams;

namespace StreamJobs.Host.Tests.Ingest;

/// <summary>Why an ingest offer was refused, decided on a real queue whose stream drains at a moment the test picks.</summary>
public sealed class QueueOfferTests : IAsyncDisposable
{
    private readonly Materializer _materializer = new();
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ValueTask DisposeAsync()
    {
        _release.TrySetResult();
        return _materializer.DisposeAsync();
    }

    /// <summary>A capacity-1 queue whose stalled stream has filled it: the next offer is refused.</summary>
    private async Task<SourceQueue<int>> FullQueueAsync()
    {
        var queue = Source.Queue<int>(1).To(Sink.ForEachBatch<int>(async (_, _) => await _release.Task)).Run(_materializer);
        for (var i = 0; i < 100 && queue.TryOffer([i]); i++) await Task.Delay(5);
        Assert.False(queue.TryOffer([0]), "the stalled queue never filled");
        return queue;
    }

    [Fact]
    public async Task A_queue_that_drains_between_the_refusal_and_the_look_is_offered_again_not_reported_as_not_running()
    {
        var queue = await FullQueueAsync();

        var result = QueueOffer.Offer(queue, [42], afterRefusal: () =>
        {
            // The race: the stream takes what was waiting right after the refusal.
            _release.TrySetResult();
            Assert.True(SpinWait.SpinUntil(() => queue.Pending == 0, TimeSpan.FromSeconds(5)));
        });

        Assert.Equal(OfferResult.Accepted, result);
    }

    [Fact]
    public async Task A_full_queue_is_full_and_a_closed_one_is_not_running()
    {
        var queue = await FullQueueAsync();
        Assert.Equal(OfferResult.Full, QueueOffer.Offer(queue, [1]));

        queue.Complete();
        Assert.Equal(OfferResult.NotRunning, QueueOffer.Offer(queue, [1]));
        Assert.Equal(OfferResult.NotRunning, QueueOffer.Offer<int>(null, [1]));
    }
}
