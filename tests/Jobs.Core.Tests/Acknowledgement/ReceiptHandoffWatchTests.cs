using StreamJobs.Acknowledgement;

namespace StreamJobs.Tests.Acknowledgement;

public sealed class ReceiptHandoffWatchTests
{
    [Fact]
    public void A_watch_reports_each_new_revocation_once_and_tells_revoked_receipts_from_live_ones()
    {
        var handoff = new ReceiptHandoff();
        var watch = new ReceiptHandoffWatch(handoff);
        var leaving = new ReceiptWindow(64);
        var staying = new ReceiptWindow(64);
        Assert.True(leaving.TryIssue(0, out var leavingReceipt));
        Assert.True(staying.TryIssue(0, out var stayingReceipt));
        Assert.False(watch.Changed());
        Assert.False(watch.IsRevoked(leavingReceipt));

        handoff.Revoke([leaving]);
        Assert.False(watch.IsRevoked(leavingReceipt)); // not before the stage has caught up with Changed
        Assert.True(watch.Changed());
        Assert.False(watch.Changed());
        Assert.True(watch.IsRevoked(leavingReceipt));
        Assert.False(watch.IsRevoked(stayingReceipt)); // now remembered as live
        Assert.False(watch.IsRevoked(Receipt.None));

        handoff.Revoke([staying]);
        Assert.True(watch.Changed()); // forgets the live tracker it remembered
        Assert.True(watch.IsRevoked(stayingReceipt));
    }
}
