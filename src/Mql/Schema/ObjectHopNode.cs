using System.Text.Json;
using StreamJobs.Mql.Evaluation;

namespace StreamJobs.Mql.Schema;

/// <summary>Steps from a record into a nested object, then evaluates the rest of the path there.</summary>
internal sealed class ObjectHopNode<T, TChild>(Func<T, TChild?> getter, ValueNode<TChild> inner) : ValueNode<T>
{
    public override bool IsMulti => inner.IsMulti;

    public override MqlValue Evaluate(in T record)
    {
        var child = getter(record);
        return child is null ? MqlValue.Null : inner.Evaluate(child);
    }

    public override bool Any(in T record, ValueTest test, in MqlValue argument)
    {
        var child = getter(record);
        return child is null ? test.Test(MqlValue.Null, argument) : inner.Any(child, test, argument);
    }

    public override void Write(Utf8JsonWriter writer, in T record)
    {
        var child = getter(record);
        if (child is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            inner.Write(writer, child);
        }
    }
}
