namespace StreamJobs.Mql.Evaluation;

/// <summary>A condition used where a value is expected, e.g. <c>(a > 1) == true</c>.</summary>
internal sealed class PredicateValueNode<T>(BoolNode<T> predicate) : ValueNode<T>
{
    public override MqlValue Evaluate(in T record) => MqlValue.FromBoolean(predicate.Evaluate(record));
}
