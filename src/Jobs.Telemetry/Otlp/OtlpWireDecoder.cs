using StreamJobs.Telemetry.Ingest;
using StreamJobs.Telemetry.Spans;
using static StreamJobs.Telemetry.Otlp.ProtoWireReader;

namespace StreamJobs.Telemetry.Otlp;

/// <summary>
/// Decodes a protobuf <c>ExportTraceServiceRequest</c> straight from the wire into <see cref="Span"/>s, with text from
/// <see cref="SharedText"/>. Going through Google.Protobuf's messages first allocated every field twice (the message
/// objects, then the spans) and GC took about half of the host's time on OTLP. The answer must be exactly the message
/// path's (<see cref="OtlpProtoMapper"/>), so this decoder gives up, having added nothing, on whatever it does not
/// read the same way: a field with an unexpected wire type, array or key-value-list values (the message path formats
/// them as JSON), broken framing or text that is not UTF-8. The caller then takes the message path.
/// </summary>
internal static class OtlpWireDecoder
{
    [ThreadStatic]
    private static Scratch? t_scratch;

    public static bool TryDecode(ReadOnlySpan<byte> request, ICollection<Span> spans, ParseReport<SpanParseError> report, out int added)
    {
        added = 0;
        var scratch = t_scratch ??= new Scratch();
        scratch.Clear();
        if (!TryRequest(request, scratch))
        {
            scratch.Clear();
            return false;
        }

        for (int i = 0; i < scratch.Decoded.Count; i++)
        {
            if (!report.TryCountRecord(OtlpTraceParser.TooMany))
            {
                break;
            }

            var (span, error, path) = scratch.Decoded[i];
            if (span is null)
            {
                report.Reject(new SpanParseError(i, path!, error!));
            }
            else
            {
                spans.Add(span);
                added++;
            }
        }

        scratch.Clear();
        return true;
    }

    private static bool TryRequest(ReadOnlySpan<byte> message, Scratch scratch)
    {
        var reader = new ProtoWireReader(message);
        int r = 0;
        while (!reader.AtEnd)
        {
            if (!reader.TryReadTag(out int field, out int wire))
            {
                return false;
            }

            if (field == 1)
            {
                if (wire != LengthDelimited || !reader.TryReadBytes(out var resourceSpans) || !TryResourceSpans(resourceSpans, r++, scratch))
                {
                    return false;
                }
            }
            else if (!reader.TrySkip(wire))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryResourceSpans(ReadOnlySpan<byte> message, int r, Scratch scratch)
    {
        // The resource may come after its spans on the wire, so its service name is read first.
        if (!TryServiceName(message, out string? service))
        {
            return false;
        }

        var reader = new ProtoWireReader(message);
        int s = 0;
        while (!reader.AtEnd)
        {
            if (!reader.TryReadTag(out int field, out int wire))
            {
                return false;
            }

            if (field == 2)
            {
                if (wire != LengthDelimited || !reader.TryReadBytes(out var scopeSpans) || !TryScopeSpans(scopeSpans, r, s++, service, scratch))
                {
                    return false;
                }
            }
            else if (field == 1 && wire != LengthDelimited || !TrySkipChecked(ref reader, field, wire, textFields: 3))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The first string <c>service.name</c> among the resource's attributes (repeated resources merge, in order).</summary>
    private static bool TryServiceName(ReadOnlySpan<byte> resourceSpans, out string? service)
    {
        service = null;
        var reader = new ProtoWireReader(resourceSpans);
        while (!reader.AtEnd)
        {
            if (!reader.TryReadTag(out int field, out int wire))
            {
                return false;
            }

            if (field != 1)
            {
                if (!reader.TrySkip(wire))
                {
                    return false;
                }

                continue;
            }

            if (wire != LengthDelimited || !reader.TryReadBytes(out var resource))
            {
                return false;
            }

            var attributes = new ProtoWireReader(resource);
            while (!attributes.AtEnd)
            {
                if (!attributes.TryReadTag(out int attributeField, out int attributeWire))
                {
                    return false;
                }

                if (attributeField != 1)
                {
                    if (!attributes.TrySkip(attributeWire))
                    {
                        return false;
                    }

                    continue;
                }

                if (attributeWire != LengthDelimited || !attributes.TryReadBytes(out var keyValue) || !TryKeyValue(keyValue, out var attribute))
                {
                    return false;
                }

                if (service is null && attribute.Key == OtlpProtoMapper.ServiceNameKey && attribute.Value.Kind == AttributeKind.String)
                {
                    service = attribute.Value.AsString;
                }
            }
        }

        return true;
    }

    private static bool TryScopeSpans(ReadOnlySpan<byte> message, int r, int s, string? service, Scratch scratch)
    {
        var reader = new ProtoWireReader(message);
        int k = 0;
        while (!reader.AtEnd)
        {
            if (!reader.TryReadTag(out int field, out int wire))
            {
                return false;
            }

            if (field == 2)
            {
                if (wire != LengthDelimited || !reader.TryReadBytes(out var span) || !TrySpan(span, service, scratch, out var decoded, out string? error))
                {
                    return false;
                }

                scratch.Decoded.Add((decoded, error, error is null ? null : $"resourceSpans[{r}].scopeSpans[{s}].spans[{k}]"));
                k++;
            }
            else if (field == 1 && wire == LengthDelimited)
            {
                if (!reader.TryReadBytes(out var scope) || !TryCheckScope(scope))
                {
                    return false;
                }
            }
            else if (!TrySkipChecked(ref reader, field, wire, textFields: 3))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TrySpan(ReadOnlySpan<byte> message, string? service, Scratch scratch, out Span? span, out string? error)
    {
        span = null;
        error = null;
        ReadOnlySpan<byte> traceId = default, spanId = default, parentId = default;
        string name = string.Empty, statusMessage = string.Empty;
        int kind = 0, statusCode = 0;
        bool hasStatus = false;
        ulong start = 0, end = 0;
        uint flags = 0;
        var attributes = scratch.Attributes;
        var events = scratch.Events;
        attributes.Clear();
        events.Clear();
        var reader = new ProtoWireReader(message);
        while (!reader.AtEnd)
        {
            if (!reader.TryReadTag(out int field, out int wire))
            {
                return false;
            }

            bool ok = field switch
            {
                1 => wire == LengthDelimited && reader.TryReadBytes(out traceId),
                2 => wire == LengthDelimited && reader.TryReadBytes(out spanId),
                4 => wire == LengthDelimited && reader.TryReadBytes(out parentId),
                5 => wire == LengthDelimited && reader.TryReadBytes(out var text) && SharedText.TryDecode(text, out name),
                6 => wire == Varint && reader.TryReadVarint(out ulong k) && Set(out kind, (int)(uint)k),
                7 => wire == ProtoWireReader.Fixed64 && reader.TryReadFixed64(out start),
                8 => wire == ProtoWireReader.Fixed64 && reader.TryReadFixed64(out end),
                9 => wire == LengthDelimited && reader.TryReadBytes(out var kv) && TryKeyValue(kv, out var attribute) && Add(attributes, attribute),
                11 => wire == LengthDelimited && reader.TryReadBytes(out var e) && TryEvent(e, out var spanEvent) && Add(events, spanEvent),
                15 => wire == LengthDelimited && reader.TryReadBytes(out var status) && TryStatus(status, ref statusCode, ref statusMessage) && Set(out hasStatus, true),
                16 => wire == ProtoWireReader.Fixed32 && reader.TryReadFixed32(out flags),
                13 when wire == LengthDelimited => reader.TryReadBytes(out var link) && TryCheckLink(link), // links are not kept
                _ => TrySkipChecked(ref reader, field, wire, textFields: 3), // trace state, dropped counts: not kept
            };
            if (!ok)
            {
                return false;
            }
        }

        if (!TraceId.TryFromBytes(traceId, out TraceId trace) || trace.IsEmpty)
        {
            error = $"traceId must be 16 non-zero bytes, got {traceId.Length}";
            return true;
        }

        if (!SpanId.TryFromBytes(spanId, out SpanId id) || id.IsEmpty)
        {
            error = $"spanId must be 8 non-zero bytes, got {spanId.Length}";
            return true;
        }

        SpanId? parent = null;
        if (!parentId.IsEmpty)
        {
            if (!SpanId.TryFromBytes(parentId, out SpanId p))
            {
                error = $"parentSpanId must be 8 bytes or empty, got {parentId.Length}";
                return true;
            }

            parent = p.IsEmpty ? null : p;
        }

        long startNanos = (long)Math.Min(start, long.MaxValue);
        long endNanos = (long)Math.Min(end, long.MaxValue);
        span = new Span
        {
            TraceId = trace,
            Id = id,
            ParentId = parent,
            Name = name,
            Kind = kind is >= 0 and <= 5 ? (SpanKind)kind : SpanKind.Unspecified,
            ServiceName = service,
            StartTimeUnixNanos = startNanos,
            DurationNanos = endNanos > startNanos ? endNanos - startNanos : 0,
            Attributes = attributes.Count == 0 ? [] : attributes.ToArray(),
            Events = events.Count == 0 ? [] : events.ToArray(),
            Status = hasStatus ? (SpanStatusCode)Math.Clamp(statusCode, 0, 2) : SpanStatusCode.Unset,
            StatusMessage = string.IsNullOrEmpty(statusMessage) ? null : statusMessage,
            Sampled = (flags & 0x1) != 0 ? true : null,
        }.Prepared();
        return true;
    }

    /// <summary>
    /// Skips a field this decoder does not keep. The message path still decodes such a field, and text that is not UTF-8
    /// fails the whole body there, so a text field (<paramref name="textFields"/>, when it has the string wire type) is
    /// checked the same way here.
    /// </summary>
    private static bool TrySkipChecked(ref ProtoWireReader reader, int field, int wire, int textFields)
    {
        if (field == textFields && wire == LengthDelimited)
        {
            return reader.TryReadBytes(out var text) && System.Text.Unicode.Utf8.IsValid(text);
        }

        return reader.TrySkip(wire);
    }

    /// <summary>An instrumentation scope is not kept, but its text and attributes must decode as the message path's do.</summary>
    private static bool TryCheckScope(ReadOnlySpan<byte> message)
    {
        var reader = new ProtoWireReader(message);
        while (!reader.AtEnd)
        {
            if (!reader.TryReadTag(out int field, out int wire))
            {
                return false;
            }

            bool ok = field switch
            {
                1 or 2 => TrySkipChecked(ref reader, field, wire, textFields: field), // name, version
                3 when wire == LengthDelimited => reader.TryReadBytes(out var kv) && TryKeyValue(kv, out _),
                _ => reader.TrySkip(wire),
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>As <see cref="TryCheckScope"/>, for a span link: its trace state and attributes.</summary>
    private static bool TryCheckLink(ReadOnlySpan<byte> message)
    {
        var reader = new ProtoWireReader(message);
        while (!reader.AtEnd)
        {
            if (!reader.TryReadTag(out int field, out int wire))
            {
                return false;
            }

            bool ok = field switch
            {
                4 when wire == LengthDelimited => reader.TryReadBytes(out var kv) && TryKeyValue(kv, out _),
                _ => TrySkipChecked(ref reader, field, wire, textFields: 3),
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryStatus(ReadOnlySpan<byte> message, ref int code, ref string text)
    {
        var reader = new ProtoWireReader(message);
        while (!reader.AtEnd)
        {
            if (!reader.TryReadTag(out int field, out int wire))
            {
                return false;
            }

            bool ok = field switch
            {
                2 => wire == LengthDelimited && reader.TryReadBytes(out var bytes) && SharedText.TryDecode(bytes, out text),
                3 => wire == Varint && reader.TryReadVarint(out ulong c) && Set(out code, (int)(uint)c),
                _ => reader.TrySkip(wire),
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryEvent(ReadOnlySpan<byte> message, out SpanEvent spanEvent)
    {
        spanEvent = null!;
        ulong time = 0;
        string name = string.Empty;
        List<SpanAttribute>? attributes = null;
        var reader = new ProtoWireReader(message);
        while (!reader.AtEnd)
        {
            if (!reader.TryReadTag(out int field, out int wire))
            {
                return false;
            }

            bool ok = field switch
            {
                1 => wire == ProtoWireReader.Fixed64 && reader.TryReadFixed64(out time),
                2 => wire == LengthDelimited && reader.TryReadBytes(out var text) && SharedText.TryDecode(text, out name),
                3 => wire == LengthDelimited && reader.TryReadBytes(out var kv) && TryKeyValue(kv, out var attribute) && Add(attributes ??= [], attribute),
                _ => reader.TrySkip(wire),
            };
            if (!ok)
            {
                return false;
            }
        }

        spanEvent = new SpanEvent((long)Math.Min(time, long.MaxValue), name, attributes is null ? [] : attributes.ToArray());
        return true;
    }

    private static bool TryKeyValue(ReadOnlySpan<byte> message, out SpanAttribute attribute)
    {
        attribute = default;
        string key = string.Empty;
        AttributeValue value = default;
        var reader = new ProtoWireReader(message);
        while (!reader.AtEnd)
        {
            if (!reader.TryReadTag(out int field, out int wire))
            {
                return false;
            }

            bool ok = field switch
            {
                1 => wire == LengthDelimited && reader.TryReadBytes(out var text) && SharedText.TryDecode(text, out key),
                2 => wire == LengthDelimited && reader.TryReadBytes(out var any) && TryAnyValue(any, out value),
                _ => reader.TrySkip(wire),
            };
            if (!ok)
            {
                return false;
            }
        }

        attribute = new SpanAttribute(key, value);
        return true;
    }

    /// <summary>A scalar value (the last one on the wire, as a oneof reads); arrays and key-value lists give up.</summary>
    private static bool TryAnyValue(ReadOnlySpan<byte> message, out AttributeValue value)
    {
        value = default;
        var reader = new ProtoWireReader(message);
        while (!reader.AtEnd)
        {
            if (!reader.TryReadTag(out int field, out int wire))
            {
                return false;
            }

            switch (field)
            {
                case 1 when wire == LengthDelimited && reader.TryReadBytes(out var text) && SharedText.TryDecode(text, out string s):
                    value = AttributeValue.FromString(s);
                    break;
                case 2 when wire == Varint && reader.TryReadVarint(out ulong b):
                    value = AttributeValue.FromBool(b != 0);
                    break;
                case 3 when wire == Varint && reader.TryReadVarint(out ulong i):
                    value = AttributeValue.FromInt((long)i);
                    break;
                case 4 when wire == ProtoWireReader.Fixed64 && reader.TryReadFixed64(out ulong bits):
                    value = AttributeValue.FromDouble(BitConverter.UInt64BitsToDouble(bits));
                    break;
                case 7 when wire == LengthDelimited && reader.TryReadBytes(out var bytes):
                    value = AttributeValue.FromBytes(bytes);
                    break;
                case > 7 when reader.TrySkip(wire):
                    break;
                default:
                    return false; // arrays, key-value lists, a wrong wire type or broken framing
            }
        }

        return true;
    }

    private static bool Set<T>(out T target, T value)
    {
        target = value;
        return true;
    }

    private static bool Add<T>(List<T> list, T item)
    {
        list.Add(item);
        return true;
    }

    /// <summary>Lists reused from request to request on a thread, so a span costs only what it keeps.</summary>
    private sealed class Scratch
    {
        public List<(Span? Span, string? Error, string? Path)> Decoded { get; } = new(128);

        public List<SpanAttribute> Attributes { get; } = new(16);

        public List<SpanEvent> Events { get; } = new(4);

        public void Clear()
        {
            Decoded.Clear();
            Attributes.Clear();
            Events.Clear();
        }
    }
}
