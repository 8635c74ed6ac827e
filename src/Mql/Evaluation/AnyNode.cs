namespace StreamJobs.Mql.Evaluation;

/// <summary>Short-circuit OR over three or more operands, in order: a chain of any length is one loop, not a nest of calls.</summary>
internal sealed class AnyNode<T>(BoolNode<T>[] operands) : BoolNode<T>
{
    public override bool Evaluate(in T record)
    {
        foreach (var operand in operands)
        {
            if (operand.Evaluate(record))
            {
                return true;
            }
        }

        return false;
    }
}
