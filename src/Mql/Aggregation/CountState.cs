namespace StreamJobs.Mql.Aggregation;

/// <summary>COUNT: non-null values (COUNT(*) is fed true for every record).</summary>
internal sealed class CountState : AggregateState
{
    private long _count;

    public override void Add(in MqlValue value)
    {
        if (!value.IsNull)
        {
            _count++;
        }
    }

    public override MqlValue Result() => MqlValue.FromNumber(_count);
}
