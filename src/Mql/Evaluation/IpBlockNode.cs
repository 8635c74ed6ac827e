using StreamJobs.Mql.Addresses;

namespace StreamJobs.Mql.Evaluation;

/// <summary>An IP property in a CIDR block: one getter call, a mask and a compare, no allocation.</summary>
internal sealed class IpBlockNode<T>(IpPropertyNode<T> address, IpBlock block) : BoolNode<T>
{
    public override bool Evaluate(in T record) => block.Contains(address.Read(record));
}
