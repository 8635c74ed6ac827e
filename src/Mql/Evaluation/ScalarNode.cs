namespace StreamJobs.Mql.Evaluation;

/// <summary>A scalar property of a typed record, read through its schema getter.</summary>
internal sealed class ScalarNode<T>(Func<T, MqlValue> getter) : ValueNode<T>
{
    public override MqlValue Evaluate(in T record) => getter(record);
}
