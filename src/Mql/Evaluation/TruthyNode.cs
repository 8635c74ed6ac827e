namespace StreamJobs.Mql.Evaluation;

/// <summary>A bare value used as a condition: true only for the boolean true (for any element of a multi path).</summary>
internal sealed class TruthyNode<T>(ValueNode<T> value) : BoolNode<T>
{
    private static readonly ValueTest IsTrue = new TruthyTest();

    public override bool Evaluate(in T record) => value.Any(record, IsTrue, default);

    private sealed class TruthyTest : ValueTest
    {
        public override bool Test(in MqlValue value, in MqlValue argument) => value.Boolean;
    }
}
