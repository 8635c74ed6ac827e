namespace StreamJobs.Mql.Evaluation;

/// <summary>A literal, or null for an unknown property.</summary>
internal sealed class ConstantNode<T>(MqlValue value) : ValueNode<T>
{
    public MqlValue Value { get; } = value;

    public override MqlValue Evaluate(in T record) => Value;
}
