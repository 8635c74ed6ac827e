using StreamJobs.Acknowledgement;

namespace StreamJobs.Tests.Acknowledgement;

public sealed class ReceiptTests
{
    [Fact]
    public void The_default_receipt_completes_nothing()
    {
        var none = Receipt.None;
        none.Complete();
        Assert.True(none.IsNone);
        Assert.Null(none.Tracker);
        Assert.Equal(default, none);
    }

    [Fact]
    public void Complete_tells_the_tracker_the_position()
    {
        var tracker = new RecordingTracker();
        new Receipt(tracker, 42).Complete();
        Assert.Equal([42L], tracker.Completed);
    }

    [Fact]
    public void CompleteAll_completes_every_receipt_of_an_aggregate()
    {
        var tracker = new RecordingTracker();
        Receipt[] receipts = [new(tracker, 1), Receipt.None, new(tracker, 3)];
        Receipt.CompleteAll(receipts);
        Assert.Equal([1L, 3L], tracker.Completed);
    }

    [Fact]
    public void Receipts_are_equal_by_tracker_and_position()
    {
        var a = new RecordingTracker();
        var b = new RecordingTracker();
        Assert.Equal(new Receipt(a, 1), new Receipt(a, 1));
        Assert.NotEqual(new Receipt(a, 1), new Receipt(b, 1));
        Assert.True(new Receipt(a, 1) != new Receipt(a, 2));
    }

    private sealed class RecordingTracker : IReceiptTracker
    {
        public List<long> Completed { get; } = new();

        public void Complete(long position) => Completed.Add(position);
    }
}
