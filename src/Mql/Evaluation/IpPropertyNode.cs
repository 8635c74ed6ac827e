using System.Text.Json;
using StreamJobs.Mql.Addresses;

namespace StreamJobs.Mql.Evaluation;

/// <summary>
/// An IP address property: reads as text where a value is needed, while <c>IN 'cidr'</c> and <c>=</c> with an address
/// literal call <see cref="Read"/> and compare the bits (see <see cref="IpBlockNode{T}"/>).
/// </summary>
internal sealed class IpPropertyNode<T>(Func<T, UInt128> getter) : ValueNode<T>
{
    public UInt128 Read(in T record) => getter(record);

    public override MqlValue Evaluate(in T record) => MqlValue.FromString(IpText.Format(getter(record)));

    public override void Write(Utf8JsonWriter writer, in T record) => IpText.Write(writer, getter(record));
}
