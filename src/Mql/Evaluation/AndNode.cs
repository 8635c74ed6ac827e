namespace StreamJobs.Mql.Evaluation;

/// <summary>Short-circuit AND.</summary>
internal sealed class AndNode<T>(BoolNode<T> left, BoolNode<T> right) : BoolNode<T>
{
    public override bool Evaluate(in T record) => left.Evaluate(record) && right.Evaluate(record);
}
