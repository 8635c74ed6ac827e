namespace StreamJobs.Mql.Aggregation;

/// <summary>
/// Pnn: exact percentile over the window's numeric values, by linear interpolation between closest
/// ranks (rank = p·(n−1), the common "type 7" definition). Keeps the values; windows bound the memory.
/// </summary>
internal sealed class PercentileState(double percentile) : AggregateState
{
    private readonly List<double> _values = [];

    public override void Add(in MqlValue value)
    {
        if (value.TryGetNumber(out var number) && !double.IsNaN(number))
        {
            _values.Add(number);
        }
    }

    public override MqlValue Result()
    {
        if (_values.Count == 0)
        {
            return MqlValue.Null;
        }

        _values.Sort();
        var rank = percentile * (_values.Count - 1);
        var lower = (int)Math.Floor(rank);
        var upper = Math.Min(lower + 1, _values.Count - 1);
        return MqlValue.FromNumber(_values[lower] + ((rank - lower) * (_values[upper] - _values[lower])));
    }
}
