namespace StreamJobs.Mql.Evaluation;

/// <summary>A string property read straight from its getter: one delegate call per evaluation, not two.</summary>
internal sealed class StringPropertyNode<T>(Func<T, string?> getter) : ValueNode<T>
{
    public override MqlValue Evaluate(in T record) => MqlValue.FromString(getter(record));
}
