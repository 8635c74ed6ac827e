using System.Text.Json;

namespace StreamJobs.Mql.Evaluation;

/// <summary>
/// A compiled value: reads a property or yields a constant from a record. Paths through <c>[*]</c> are
/// <see cref="IsMulti"/>: predicates then ask <see cref="Any"/> whether some element satisfies a test.
/// </summary>
internal abstract class ValueNode<T>
{
    public virtual bool IsMulti => false;

    public abstract MqlValue Evaluate(in T record);

    /// <summary>True if some value this node yields passes <paramref name="test"/> against <paramref name="argument"/>.</summary>
    public virtual bool Any(in T record, ValueTest test, in MqlValue argument) => test.Test(Evaluate(record), argument);

    /// <summary>Writes the value as JSON; structured nodes override this to stream without building values.</summary>
    public virtual void Write(Utf8JsonWriter writer, in T record) => Evaluate(record).WriteTo(writer);
}
