namespace StreamJobs.Mql.Evaluation;

/// <summary>A predicate that is always true or always false (<c>WHERE true</c>, no WHERE at all).</summary>
internal sealed class ConstantBoolNode<T>(bool value) : BoolNode<T>
{
    public override bool Evaluate(in T record) => value;
}
