namespace StreamJobs.Mql.Aggregation;

/// <summary>SUM and AVERAGE over values readable as numbers; others are ignored. Empty gives null.</summary>
internal sealed class SumState(bool average) : AggregateState
{
    private double _sum;
    private long _count;

    public override void Add(in MqlValue value)
    {
        if (value.TryGetNumber(out var number))
        {
            _sum += number;
            _count++;
        }
    }

    public override MqlValue Result() => _count == 0 ? MqlValue.Null : MqlValue.FromNumber(average ? _sum / _count : _sum);
}
