namespace StreamJobs.Mql.Evaluation;

/// <summary>A number property read straight from its getter.</summary>
internal sealed class DoublePropertyNode<T>(Func<T, double> getter) : ValueNode<T>
{
    public override MqlValue Evaluate(in T record) => MqlValue.FromNumber(getter(record));
}
