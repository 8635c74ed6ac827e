using System.Text.Json;
using StreamJobs.Mql.Evaluation;
using StreamJobs.Mql.Values;

namespace StreamJobs.Mql.Schema;

/// <summary>
/// A typed list: the element at <c>index</c>, any element (<c>[*]</c>, multi-valued), or the whole list.
/// For <c>[*]</c>, <see cref="Evaluate"/> yields the first non-null element value and <see cref="Write"/> writes all of them.
/// </summary>
internal sealed class ListNode<T, TItem>(Func<T, IReadOnlyList<TItem>?> getter, ValueNode<TItem> item, int? index, bool any = false)
    : ValueNode<T>
{
    public override bool IsMulti => any || (index is not null && item.IsMulti);

    public override MqlValue Evaluate(in T record)
    {
        var list = getter(record);
        if (list is null)
        {
            return MqlValue.Null;
        }

        if (index is { } i)
        {
            return i < list.Count ? item.Evaluate(list[i]) : MqlValue.Null;
        }

        if (any)
        {
            for (var j = 0; j < list.Count; j++)
            {
                var value = item.Evaluate(list[j]);
                if (!value.IsNull)
                {
                    return value;
                }
            }

            return MqlValue.Null;
        }

        return MqlValue.FromStructured(new WrittenValue<T>(this, record));
    }

    public override bool Any(in T record, ValueTest test, in MqlValue argument)
    {
        if (!any)
        {
            var list = getter(record);
            return index is { } i && list is not null && i < list.Count
                ? item.Any(list[i], test, argument)
                : test.Test(Evaluate(record), argument);
        }

        var items = getter(record);
        if (items is null)
        {
            return false;
        }

        for (var j = 0; j < items.Count; j++)
        {
            if (item.Any(items[j], test, argument))
            {
                return true;
            }
        }

        return false;
    }

    public override void Write(Utf8JsonWriter writer, in T record)
    {
        var list = getter(record);
        if (list is null)
        {
            writer.WriteNullValue();
        }
        else if (index is { } i)
        {
            if (i < list.Count)
            {
                item.Write(writer, list[i]);
            }
            else
            {
                writer.WriteNullValue();
            }
        }
        else
        {
            writer.WriteStartArray();
            for (var j = 0; j < list.Count; j++)
            {
                item.Write(writer, list[j]);
            }

            writer.WriteEndArray();
        }
    }
}
