using StreamJobs.Acknowledgement;

namespace StreamJobs.Tests.Support;

/// <summary>A record of <see cref="AtLeastOnceAudit"/>'s source: its position and the receipt issued for it.</summary>
public readonly record struct AuditRecord(long Position, Receipt Receipt) : IHasReceipts
{
    public void RetainReceipts(int count) => Receipt.Retain(count);

    public void CompleteReceipts() => Receipt.Complete();
}
