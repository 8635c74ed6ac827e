using StreamJobs.FlowEnricher.Ownership;

namespace StreamJobs.FlowEnricher;

/// <summary>
/// The attribution state of a waiting flow in its pooled slot (the record itself sits in a parallel array of
/// <see cref="FlowWaitList"/>, read on checks for its addresses and start only): the local end once resolved (it stays resolved), and the
/// history id (<see cref="HistoryIds"/>, -1 for an untracked IP) of the end that blocked the last check with its stamp (a re-check is skipped while it did not change).
/// Until its first check it also holds a prediction made on arrival: what each end will resolve to once the start
/// settles, valid while both ends' histories keep the stamps seen then.
/// </summary>
internal struct WaitingFlow
{
    public string? LocalApp;
    public AttributionSource LocalSource;
    public int BlockedBy;
    public long BlockedStamp;
    public bool BlockedLocal;
    public bool Predicted;
    public string? RemoteApp;
    public AttributionSource RemoteSource;
    public int LocalFrom;
    public long LocalFromStamp;
    public int RemoteFrom;
    public long RemoteFromStamp;
}
