using StreamJobs.FlowEnricher.Ownership;

namespace StreamJobs.FlowEnricher;

/// <summary>
/// One end of a flow as looked up: the answer at the current settle horizon, the answer once the time has settled,
/// the IP's history id (<see cref="HistoryIds"/>; -1 when untracked) and its stamp then. <paramref name="Identity"/>: the exporter named the
/// local end, so both answers are that identity and the table was not asked.
/// </summary>
internal readonly record struct EndLookup(OwnerLookup Now, OwnerLookup WhenSettled, int History, long Stamp, bool Identity);
