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
    public void CompleteAll_hands_each_run_of_one_trackers_receipts_over_in_one_call_in_order()
    {
        var a = new RecordingTracker();
        var b = new RecordingTracker();
        var receipts = new List<Receipt> { new(a, 1), new(a, 2), Receipt.None, new(a, 3), new(b, 7), new(a, 4) };
        receipts.AddRange(Enumerable.Range(100, 130).Select(p => new Receipt(b, p))); // longer than one call's buffer

        Receipt.CompleteAll<Receipt>(receipts.ToArray(), r => r);

        Assert.Equal([1L, 2L, 3L, 4L], a.Completed);
        Assert.Equal([7L, .. Enumerable.Range(100, 130).Select(p => (long)p)], b.Completed);
        Assert.Equal([3, 1], a.CallSizes); // None breaks no run
        Assert.Equal([1, 64, 64, 2], b.CallSizes);
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

        public List<int> CallSizes { get; } = new();

        public void Complete(long position)
        {
            Completed.Add(position);
            CallSizes.Add(1);
        }

        public void Complete(ReadOnlySpan<long> positions)
        {
            foreach (var position in positions) Completed.Add(position);
            CallSizes.Add(positions.Length);
        }
    }
}
