namespace StreamJobs.Mql.Aggregation;

/// <summary>MIN or MAX over values readable as numbers; others are ignored. Empty gives null.</summary>
internal sealed class MinMaxState(bool max) : AggregateState
{
    private double _best = double.NaN;

    public override void Add(in MqlValue value)
    {
        if (value.TryGetNumber(out var number) && !double.IsNaN(number)
            && (double.IsNaN(_best) || (max ? number > _best : number < _best)))
        {
            _best = number;
        }
    }

    public override MqlValue Result() => double.IsNaN(_best) ? MqlValue.Null : MqlValue.FromNumber(_best);
}
