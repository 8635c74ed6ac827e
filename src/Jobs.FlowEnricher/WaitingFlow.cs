using StreamJobs.FlowEnricher.Ownership;
using StreamJobs.Telemetry.Flows;

namespace StreamJobs.FlowEnricher;

/// <summary>
/// A waiting flow in its pooled slot: the flow, its bounds, the local end once resolved (it stays resolved), the history
/// of the end that blocked the last check with its stamp (a re-check is skipped while it did not change), and its
/// links in arrival order.
/// </summary>
internal struct WaitingFlow
{
    public FlowRecord Flow;
    public long DeadlineMs;
    public long SettlesAtMs;
    public string? LocalApp;
    public AttributionSource LocalSource;
    public WaitState State;
    public int Generation;
    public int Previous;
    public int Next;
    public IpHistory? BlockedBy;
    public long BlockedStamp;
    public long HistoriesAtCheck;
}
