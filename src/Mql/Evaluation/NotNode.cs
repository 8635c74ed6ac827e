namespace StreamJobs.Mql.Evaluation;

/// <summary>Negation.</summary>
internal sealed class NotNode<T>(BoolNode<T> operand) : BoolNode<T>
{
    public override bool Evaluate(in T record) => !operand.Evaluate(record);
}
