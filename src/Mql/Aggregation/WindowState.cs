namespace StreamJobs.Mql.Aggregation;

/// <summary>
/// One open window: groups for aggregating queries, or buffered projected records (with their sort keys)
/// for non-aggregating queries with ORDER BY.
/// </summary>
internal sealed class WindowState(long startTicks)
{
    public long StartTicks { get; } = startTicks;

    public Dictionary<GroupKey, GroupState> Groups { get; } = [];

    public List<(MqlValue[] SortKeys, byte[] Json)> Buffered { get; } = [];
}
