using StreamJobs.Acknowledgement;

namespace StreamJobs.Tests.Acknowledgement;

public sealed class ReceiptHandoffTests
{
    [Fact]
    public void Receipts_of_revoked_trackers_are_revoked_and_others_are_not()
    {
        var handoff = new ReceiptHandoff();
        var leaving = new ReceiptWindow(64);
        var staying = new ReceiptWindow(64);
        Assert.True(leaving.TryIssue(5, out var leavingReceipt));
        Assert.True(staying.TryIssue(5, out var stayingReceipt));
        Assert.Equal(0, handoff.Version);
        Assert.False(handoff.IsRevoked(leavingReceipt));

        handoff.Revoke([leaving]);

        Assert.Equal(1, handoff.Version);
        Assert.True(handoff.IsRevoked(leavingReceipt));
        Assert.False(handoff.IsRevoked(stayingReceipt));
        Assert.False(handoff.IsRevoked(Receipt.None));

        handoff.Revoke([staying, leaving]);
        Assert.Equal(2, handoff.Version);
        Assert.True(handoff.IsRevoked(stayingReceipt));
    }

    [Fact]
    public void A_revoked_tracker_nothing_refers_to_any_more_is_forgotten()
    {
        var handoff = new ReceiptHandoff();
        var weak = RevokeAWindowAndDropIt(handoff);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.False(weak.IsAlive);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static WeakReference RevokeAWindowAndDropIt(ReceiptHandoff handoff)
    {
        var window = new ReceiptWindow(64);
        handoff.Revoke([window]);
        return new WeakReference(window);
    }
}
