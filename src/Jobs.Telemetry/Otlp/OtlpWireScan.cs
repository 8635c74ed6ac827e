namespace StreamJobs.Telemetry.Otlp;

/// <summary>
/// Counts the spans and their children of a protobuf <c>ExportTraceServiceRequest</c> by walking its wire format,
/// without building messages. An empty span, attribute, event, link or array element costs 2 bytes on the wire but a
/// message object (or several) once parsed, so a small body could otherwise become millions of objects before any
/// limit applies. Only the messages that hold spans or their children are entered; everything else is skipped by its
/// length.
/// </summary>
internal static class OtlpWireScan
{
    /// <summary>Google.Protobuf's default recursion limit: a deeper body is refused by the parser anyway.</summary>
    public const int MaxDepth = 100;

    private const int LengthDelimited = 2;

    private enum Message
    {
        None,
        Request,
        ResourceSpans,
        Resource,
        ScopeSpans,
        Scope,
        Span,
        Event,
        Link,
        KeyValue,
        AnyValue,
        ArrayValue,
        KeyValueList,
    }

    /// <summary>What a scan found.</summary>
    public enum Outcome
    {
        /// <summary>The framing is sound and both counts are within their limits.</summary>
        Ok,

        /// <summary>The framing is broken (or nests deeper than <see cref="MaxDepth"/>).</summary>
        Malformed,

        /// <summary>More spans than allowed.</summary>
        TooManySpans,

        /// <summary>More attributes, events, links and array elements than allowed.</summary>
        TooManyChildren,
    }

    /// <summary>
    /// Walks the request, stopping at the first limit passed. <paramref name="spans"/> and <paramref name="children"/>
    /// (attributes at every level including nested key-value lists, events, links, array elements) are the counts so far.
    /// </summary>
    public static Outcome Scan(ReadOnlySpan<byte> request, int maxSpans, int maxChildren, out int spans, out int children)
    {
        var counts = new Counts(maxSpans, maxChildren);
        var outcome = Walk(request, Message.Request, 0, ref counts);
        spans = counts.Spans;
        children = counts.Children;
        return outcome;
    }

    // The messages entered: a field of the first kind that holds the second, and whether it counts as a span or child.
    private static (Message Child, bool Span, bool Counted) Inner(Message message, int field) => (message, field) switch
    {
        (Message.Request, 1) => (Message.ResourceSpans, false, false),
        (Message.ResourceSpans, 1) => (Message.Resource, false, false),
        (Message.ResourceSpans, 2) => (Message.ScopeSpans, false, false),
        (Message.Resource, 1) => (Message.KeyValue, false, true),
        (Message.ScopeSpans, 1) => (Message.Scope, false, false),
        (Message.ScopeSpans, 2) => (Message.Span, true, false),
        (Message.Scope, 3) => (Message.KeyValue, false, true),
        (Message.Span, 9) => (Message.KeyValue, false, true),
        (Message.Span, 11) => (Message.Event, false, true),
        (Message.Span, 13) => (Message.Link, false, true),
        (Message.Event, 3) => (Message.KeyValue, false, true),
        (Message.Link, 4) => (Message.KeyValue, false, true),
        (Message.KeyValue, 2) => (Message.AnyValue, false, false),
        (Message.AnyValue, 5) => (Message.ArrayValue, false, false),
        (Message.AnyValue, 6) => (Message.KeyValueList, false, false),
        (Message.ArrayValue, 1) => (Message.AnyValue, false, true),
        (Message.KeyValueList, 1) => (Message.KeyValue, false, true),
        _ => (Message.None, false, false),
    };

    private static Outcome Walk(ReadOnlySpan<byte> message, Message kind, int depth, ref Counts counts)
    {
        if (depth >= MaxDepth)
        {
            return Outcome.Malformed;
        }

        int offset = 0;
        while (offset < message.Length)
        {
            if (!ProtoWireReader.TryReadVarint(message, ref offset, out ulong tag) || tag >> 3 is 0 or > int.MaxValue)
            {
                return Outcome.Malformed;
            }

            int field = (int)(tag >> 3);
            switch ((int)(tag & 7))
            {
                case 0:
                    if (!ProtoWireReader.TryReadVarint(message, ref offset, out _))
                    {
                        return Outcome.Malformed;
                    }

                    break;
                case 1:
                    offset += 8;
                    break;
                case 5:
                    offset += 4;
                    break;
                case LengthDelimited:
                    if (!ProtoWireReader.TryReadVarint(message, ref offset, out ulong length) || length > (ulong)(message.Length - offset))
                    {
                        return Outcome.Malformed;
                    }

                    var inner = message.Slice(offset, (int)length);
                    offset += (int)length;
                    var (child, span, counted) = Inner(kind, field);
                    if (span && ++counts.Spans > counts.MaxSpans)
                    {
                        return Outcome.TooManySpans;
                    }

                    if (counted && ++counts.Children > counts.MaxChildren)
                    {
                        return Outcome.TooManyChildren;
                    }

                    if (child != Message.None && Walk(inner, child, depth + 1, ref counts) is var outcome && outcome != Outcome.Ok)
                    {
                        return outcome;
                    }

                    break;
                default:
                    // Groups (3, 4) are not used by OTLP; 6 and 7 do not exist.
                    return Outcome.Malformed;
            }

            if (offset > message.Length)
            {
                return Outcome.Malformed;
            }
        }

        return Outcome.Ok;
    }

    private struct Counts(int maxSpans, int maxChildren)
    {
        public readonly int MaxSpans = maxSpans;
        public readonly int MaxChildren = maxChildren;
        public int Spans;
        public int Children;
    }
}
