using StreamJobs.Acknowledgement;

namespace StreamJobs.Tests.Acknowledgement;

public sealed class ReceiptSetTests
{
    [Fact]
    public void CompleteAll_completes_what_was_added_and_empties_the_set()
    {
        var window = new ReceiptWindow(64);
        var set = new ReceiptSet(capacity: 1);
        for (long i = 0; i < 10; i++)
        {
            Assert.True(window.TryIssue(i, out var receipt));
            set.Add(receipt);
        }
        set.Add(Receipt.None);
        Assert.Equal(10, set.Count);

        set.CompleteAll();
        Assert.Equal(0, set.Count);
        Assert.Equal(10, window.Committable);
    }

    [Fact]
    public void Clear_forgets_receipts_so_their_records_are_replayed()
    {
        var window = new ReceiptWindow(64);
        var set = new ReceiptSet();
        Assert.True(window.TryIssue(0, out var receipt));
        set.Add(receipt);
        set.Clear();
        set.CompleteAll();
        Assert.Equal(0, window.Committable);
    }
}
