namespace StreamJobs.Mql.Evaluation;

/// <summary>Short-circuit OR.</summary>
internal sealed class OrNode<T>(BoolNode<T> left, BoolNode<T> right) : BoolNode<T>
{
    public override bool Evaluate(in T record) => left.Evaluate(record) || right.Evaluate(record);
}
