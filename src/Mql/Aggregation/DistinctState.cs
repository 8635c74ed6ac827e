namespace StreamJobs.Mql.Aggregation;

/// <summary>DISTINCT: passes each value to the inner aggregate the first time it is seen in the window.</summary>
internal sealed class DistinctState(AggregateState inner) : AggregateState
{
    private readonly HashSet<MqlValue> _seen = [];

    public override void Add(in MqlValue value)
    {
        if (!value.IsNull && _seen.Add(value.Detach()))
        {
            inner.Add(value);
        }
    }

    public override MqlValue Result() => inner.Result();
}
