using StreamJobs.Acknowledgement;

namespace StreamJobs.NamedStreams;

/// <summary>Retains the receipts of a batch of records through a constrained call: no boxing for struct records.</summary>
internal static class ReceiptRetainer<T>
    where T : IHasReceipts
{
    public static void Retain(ReadOnlySpan<T> records, int count)
    {
        foreach (ref readonly var record in records) record.RetainReceipts(count);
    }
}
