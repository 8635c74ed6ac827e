using System.Text.Json;
using StreamJobs.Mql.Addresses;
using StreamJobs.Mql.Ast;
using StreamJobs.Mql.Evaluation;

namespace StreamJobs.Mql.Schema;

/// <summary>An IP address property, kept as its 128 bits until text is needed.</summary>
internal sealed class IpPropertyDef<T>(string name, Func<T, UInt128> getter) : PropertyDef<T>(name)
{
    private readonly IpPropertyNode<T> _node = new(getter);

    public override MqlPropertyInfo Info { get; } = new(name, MqlPropertyKind.Ip, []);

    public override ValueNode<T> Compile(ReadOnlySpan<PathSegment> rest, bool dotted, ICollection<string> unknown) =>
        rest.IsEmpty ? _node : Unknown<T>(rest, unknown);

    public override void WriteValue(Utf8JsonWriter writer, in T record) => IpText.Write(writer, getter(record));
}
