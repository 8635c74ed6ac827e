namespace StreamJobs.Mql.Aggregation;

/// <summary>LIST: every non-null value in arrival order, emitted as a JSON array.</summary>
internal sealed class ListState : AggregateState
{
    private readonly List<MqlValue> _values = [];

    public override void Add(in MqlValue value)
    {
        if (!value.IsNull)
        {
            _values.Add(value.Detach());
        }
    }

    public override MqlValue Result() => MqlValue.FromStructured(new ListResultValue(_values));
}
