using StreamJobs.Acknowledgement;
using StreamJobs.Host.Ingest;

namespace StreamJobs.Host.Tests.Ingest;

public sealed class DeliveryReceiptTests
{
    [Fact]
    public async Task A_request_is_delivered_with_the_last_completion_of_every_holder()
    {
        var request = new DeliveryReceipt(2);
        var first = new Receipt(request, 0);
        var second = new Receipt(request, 1);
        first.Retain(1); // a second subscriber writes the first record too

        first.Complete();
        second.Complete();
        Assert.False(request.Delivered.IsCompleted);
        first.Complete();

        await request.Delivered.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(await DeliveryReceipt.WaitAsync(request.Delivered, TimeSpan.FromSeconds(1), CancellationToken.None));
        Assert.False(await DeliveryReceipt.WaitAsync(new TaskCompletionSource().Task, TimeSpan.FromMilliseconds(50), CancellationToken.None));
        Assert.True(await DeliveryReceipt.WaitAsync(null, TimeSpan.FromMilliseconds(50), CancellationToken.None)); // nothing to wait for
    }
}
