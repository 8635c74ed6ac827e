namespace StreamJobs.Mql.Evaluation;

/// <summary>An integer property read straight from its getter.</summary>
internal sealed class Int64PropertyNode<T>(Func<T, long> getter) : ValueNode<T>
{
    public override MqlValue Evaluate(in T record) => MqlValue.FromNumber(getter(record));
}
