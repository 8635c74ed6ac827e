namespace StreamJobs.FlowEnricher.Ownership;

internal sealed partial class IpHistory
{
    /// <summary>A raw ownership event.</summary>
    internal readonly record struct EventEntry(long Time, string Workload, OwnershipChange Change);

    /// <summary>An event-derived range [Start, End); a null owner means explicitly unassigned.</summary>
    internal readonly record struct Segment(long Start, long End, string? Owner);

    /// <summary>A heartbeat range [First, Last], both inclusive.</summary>
    internal readonly record struct Beat(string Workload, long First, long Last);
}
