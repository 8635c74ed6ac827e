namespace StreamJobs.Mql.Aggregation;

/// <summary>The running state of one aggregate in one group of one window.</summary>
internal abstract class AggregateState
{
    public abstract void Add(in MqlValue value);

    public abstract MqlValue Result();
}
