namespace StreamJobs.Mql.Aggregation;

/// <summary>The aggregates and first-seen values of one group in one window.</summary>
internal sealed class GroupState(AggregateState[] aggregates, MqlValue[] firstValues)
{
    public AggregateState[] Aggregates { get; } = aggregates;

    public MqlValue[] FirstValues { get; } = firstValues;
}
