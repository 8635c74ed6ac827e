using StreamJobs.Mql.Addresses;

namespace StreamJobs.Mql.Evaluation;

/// <summary>
/// <c>value IN 'cidr'</c> where the value is not a typed IP property (JSON records, strings): true when it is address
/// text inside the block, false for anything else. Parsing per record costs an allocation; typed schemas avoid it.
/// Through <c>[*]</c> it holds when any element is inside.
/// </summary>
internal sealed class CidrTextNode<T>(ValueNode<T> left, IpBlock block) : BoolNode<T>
{
    private readonly BlockTest _test = new(block);

    public override bool Evaluate(in T record) => left.Any(record, _test, default);

    private sealed class BlockTest(IpBlock block) : ValueTest
    {
        public override bool Test(in MqlValue value, in MqlValue argument) =>
            value.String is { } text && IpText.TryParse(text, out var address, out _) && block.Contains(address);
    }
}
