using System.Text.Json;
using StreamJobs.Mql.Ast;
using StreamJobs.Mql.Evaluation;

namespace StreamJobs.Mql.Schema;

/// <summary>
/// Walks a JSON element along a path. <c>[*]</c> fans out over array elements (and object values);
/// a dotted path first tries its flat key (<c>"nf.node"</c>) on the root object.
/// </summary>
internal sealed class JsonPathNode(PathSegment[] segments, string? flatKey) : ValueNode<JsonElement>
{
    private readonly bool _multi = Array.Exists(segments, s => s.Kind == PathSegmentKind.AnyElement);

    public override bool IsMulti => _multi;

    public override MqlValue Evaluate(in JsonElement record)
    {
        if (!_multi)
        {
            return Resolve(record, out var element) ? MqlValue.FromJson(element) : MqlValue.Null;
        }

        var first = new FirstNonNull();
        return Walk(record, 0, first, default) ? first.Found : MqlValue.Null;
    }

    public override bool Any(in JsonElement record, ValueTest test, in MqlValue argument) =>
        _multi ? Walk(record, 0, test, argument) : test.Test(Evaluate(record), argument);

    public override void Write(Utf8JsonWriter writer, in JsonElement record)
    {
        if (!_multi)
        {
            if (Resolve(record, out var element))
            {
                element.WriteTo(writer);
            }
            else
            {
                writer.WriteNullValue();
            }

            return;
        }

        writer.WriteStartArray();
        Walk(record, 0, new WritingTest(writer), default);
        writer.WriteEndArray();
    }

    private bool Resolve(in JsonElement record, out JsonElement element)
    {
        if (flatKey is not null && record.ValueKind == JsonValueKind.Object && record.TryGetProperty(flatKey, out element))
        {
            return true;
        }

        element = record;
        foreach (var segment in segments)
        {
            // Step's out parameter must not alias its input: it is cleared before the input is read.
            if (!Step(element, segment, out var next))
            {
                return false;
            }

            element = next;
        }

        return element.ValueKind != JsonValueKind.Undefined;
    }

    private static bool Step(in JsonElement current, in PathSegment segment, out JsonElement next)
    {
        next = default;
        return segment.Kind switch
        {
            PathSegmentKind.Key => current.ValueKind == JsonValueKind.Object && current.TryGetProperty(segment.Key, out next),
            PathSegmentKind.Index => current.ValueKind == JsonValueKind.Array && segment.Index < current.GetArrayLength()
                && (next = current[segment.Index]).ValueKind != JsonValueKind.Undefined,
            _ => false,
        };
    }

    /// <summary>Depth-first over every branch a <c>[*]</c> opens; stops at the first element passing the test.</summary>
    private bool Walk(JsonElement current, int depth, ValueTest test, in MqlValue argument)
    {
        for (var i = depth; i < segments.Length; i++)
        {
            var segment = segments[i];
            if (segment.Kind != PathSegmentKind.AnyElement)
            {
                if (!Step(current, segment, out var next))
                {
                    return false;
                }

                current = next;

                continue;
            }

            if (current.ValueKind == JsonValueKind.Array)
            {
                foreach (var element in current.EnumerateArray())
                {
                    if (Walk(element, i + 1, test, argument))
                    {
                        return true;
                    }
                }
            }
            else if (current.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in current.EnumerateObject())
                {
                    if (Walk(property.Value, i + 1, test, argument))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        return test.Test(MqlValue.FromJson(current), argument);
    }

    private sealed class FirstNonNull : ValueTest
    {
        public MqlValue Found { get; private set; }

        public override bool Test(in MqlValue value, in MqlValue argument)
        {
            Found = value;
            return !value.IsNull;
        }
    }

    private sealed class WritingTest(Utf8JsonWriter writer) : ValueTest
    {
        public override bool Test(in MqlValue value, in MqlValue argument)
        {
            value.WriteTo(writer);
            return false;
        }
    }
}
