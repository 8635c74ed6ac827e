namespace StreamJobs.Mql.Evaluation;

/// <summary>A compiled predicate over a record.</summary>
internal abstract class BoolNode<T>
{
    public abstract bool Evaluate(in T record);
}
