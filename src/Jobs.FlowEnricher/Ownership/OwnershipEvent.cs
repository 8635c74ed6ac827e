using StreamJobs.Acknowledgement;
using StreamJobs.Telemetry.Flows;

namespace StreamJobs.FlowEnricher.Ownership;

/// <summary>An IP assignment or unassignment from the platform (may arrive late and out of order).</summary>
/// <param name="Ip">The address.</param>
/// <param name="Workload">The workload (application) gaining or losing it.</param>
/// <param name="TimestampUnixMs">When the change took effect, Unix milliseconds.</param>
/// <param name="Change">Assigned or unassigned.</param>
/// <remarks>Equality compares the event, not its <see cref="Receipt"/>: the same change is the same event wherever it was read.</remarks>
public readonly record struct OwnershipEvent(IpAddress Ip, string Workload, long TimestampUnixMs, OwnershipChange Change) : IHasReceipts
{
    /// <summary>
    /// Who waits for the event to be written (an HTTP request waiting for the ownership topic's acknowledgement), else
    /// <see cref="Receipt.None"/>. The sink that writes the event completes it; it is not part of the wire formats.
    /// </summary>
    public Receipt Receipt { get; init; }

    /// <inheritdoc />
    public bool Equals(OwnershipEvent other) =>
        Ip == other.Ip && TimestampUnixMs == other.TimestampUnixMs && Change == other.Change && string.Equals(Workload, other.Workload, StringComparison.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Ip, Workload, TimestampUnixMs, Change);

    /// <inheritdoc />
    void IHasReceipts.RetainReceipts(int count) => Receipt.Retain(count);

    /// <inheritdoc />
    void IHasReceipts.CompleteReceipts() => Receipt.Complete();
}
