namespace StreamJobs.Mql.Evaluation;

/// <summary>
/// A test applied to each element of a multi-valued path. The second operand travels as an argument
/// rather than a field so compiled nodes stay immutable and thread-safe.
/// </summary>
internal abstract class ValueTest
{
    public abstract bool Test(in MqlValue value, in MqlValue argument);
}
