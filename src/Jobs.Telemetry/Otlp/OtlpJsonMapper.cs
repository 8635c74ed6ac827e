using System.Globalization;
using System.Text.Json;
using StreamJobs.Telemetry.Ingest;
using StreamJobs.Telemetry.Spans;

namespace StreamJobs.Telemetry.Otlp;

/// <summary>
/// Maps OTLP/JSON to the span model. Follows the OTLP/JSON rules: lowerCamelCase keys (snake_case
/// also accepted), ids as hex strings, 64-bit integers as strings or numbers, enums as names or numbers.
/// </summary>
internal static class OtlpJsonMapper
{
    public static int Map(JsonElement root, ICollection<Span> spans, ICollection<SpanParseError> errors)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new SpanParseError(-1, "$", "expected an object with resourceSpans"));
            return 0;
        }

        if (!TryProp(root, "resourceSpans", "resource_spans", out JsonElement resourceSpans))
        {
            return 0;
        }

        int index = 0, added = 0;
        int r = 0;
        foreach (JsonElement rs in Array(resourceSpans))
        {
            string? service = null;
            if (TryProp(rs, "resource", "resource", out JsonElement resource) && TryProp(resource, "attributes", "attributes", out JsonElement resAttrs))
            {
                foreach (SpanAttribute a in MapAttributes(resAttrs))
                {
                    if (a.Key == OtlpProtoMapper.ServiceNameKey)
                    {
                        service = a.Value.AsString;
                    }
                }
            }

            int s = 0;
            foreach (JsonElement ss in Array(Prop(rs, "scopeSpans", "scope_spans")))
            {
                int k = 0;
                foreach (JsonElement js in Array(Prop(ss, "spans", "spans")))
                {
                    string location = $"resourceSpans[{r}].scopeSpans[{s}].spans[{k}]";
                    try
                    {
                        spans.Add(MapSpan(js, service));
                        added++;
                    }
                    catch (FormatException ex)
                    {
                        errors.Add(new SpanParseError(index, location, ex.Message));
                    }
                    catch (InvalidOperationException ex)
                    {
                        errors.Add(new SpanParseError(index, location, $"unexpected JSON type: {ex.Message}"));
                    }

                    k++;
                    index++;
                }

                s++;
            }

            r++;
        }

        return added;
    }

    private static Span MapSpan(JsonElement js, string? service)
    {
        if (js.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("span must be an object");
        }

        string traceHex = Prop(js, "traceId", "trace_id").ValueKind == JsonValueKind.String ? Prop(js, "traceId", "trace_id").GetString()! : string.Empty;
        if (traceHex.Length != 32 || !TraceId.TryParse(traceHex.AsSpan(), out TraceId traceId) || traceId.IsEmpty)
        {
            throw new FormatException("traceId must be 32 hex characters");
        }

        string spanHex = StringOrEmpty(Prop(js, "spanId", "span_id"));
        if (!SpanId.TryParse(spanHex.AsSpan(), out SpanId spanId) || spanId.IsEmpty)
        {
            throw new FormatException("spanId must be 16 hex characters");
        }

        string parentHex = StringOrEmpty(Prop(js, "parentSpanId", "parent_span_id"));
        SpanId? parent = null;
        if (parentHex.Length > 0)
        {
            parent = SpanId.TryParse(parentHex.AsSpan(), out SpanId p) ? (p.IsEmpty ? null : p) : throw new FormatException("parentSpanId must be 16 hex characters or empty");
        }

        long start = Int64(Prop(js, "startTimeUnixNano", "start_time_unix_nano"), "startTimeUnixNano");
        long end = Int64(Prop(js, "endTimeUnixNano", "end_time_unix_nano"), "endTimeUnixNano");
        SpanStatusCode status = SpanStatusCode.Unset;
        string? statusMessage = null;
        if (TryProp(js, "status", "status", out JsonElement st))
        {
            status = (SpanStatusCode)Enum(Prop(st, "code", "code"), "status.code", "STATUS_CODE_", ["UNSET", "OK", "ERROR"]);
            statusMessage = Prop(st, "message", "message").ValueKind == JsonValueKind.String ? Prop(st, "message", "message").GetString() : null;
        }

        var events = new List<SpanEvent>();
        foreach (JsonElement e in Array(Prop(js, "events", "events")))
        {
            events.Add(new SpanEvent(
                Int64(Prop(e, "timeUnixNano", "time_unix_nano"), "events.timeUnixNano"),
                StringOrEmpty(Prop(e, "name", "name")),
                MapAttributes(Prop(e, "attributes", "attributes"))));
        }

        long flags = Int64(Prop(js, "flags", "flags"), "flags");
        return new Span
        {
            TraceId = traceId,
            Id = spanId,
            ParentId = parent,
            Name = StringOrEmpty(Prop(js, "name", "name")),
            Kind = (SpanKind)Enum(Prop(js, "kind", "kind"), "kind", "SPAN_KIND_", ["UNSPECIFIED", "INTERNAL", "SERVER", "CLIENT", "PRODUCER", "CONSUMER"]),
            ServiceName = service,
            StartTimeUnixNanos = start,
            DurationNanos = end > start ? end - start : 0,
            Attributes = MapAttributes(Prop(js, "attributes", "attributes")),
            Events = events.Count == 0 ? [] : events,
            Status = status,
            StatusMessage = string.IsNullOrEmpty(statusMessage) ? null : statusMessage,
            Sampled = (flags & 1) != 0 ? true : null,
        };
    }

    private static List<SpanAttribute> MapAttributes(JsonElement attributes)
    {
        var list = new List<SpanAttribute>();
        foreach (JsonElement kv in Array(attributes))
        {
            string key = StringOrEmpty(Prop(kv, "key", "key"));
            list.Add(new SpanAttribute(key, MapValue(Prop(kv, "value", "value"), key)));
        }

        return list;
    }

    private static AttributeValue MapValue(JsonElement v, string key)
    {
        if (v.ValueKind != JsonValueKind.Object)
        {
            return default;
        }

        if (TryProp(v, "stringValue", "string_value", out JsonElement x))
        {
            return AttributeValue.FromString(x.GetString() ?? string.Empty);
        }

        if (TryProp(v, "boolValue", "bool_value", out x))
        {
            return AttributeValue.FromBool(x.GetBoolean());
        }

        if (TryProp(v, "intValue", "int_value", out x))
        {
            return AttributeValue.FromInt(Int64(x, $"attributes.{key}.intValue"));
        }

        if (TryProp(v, "doubleValue", "double_value", out x))
        {
            return AttributeValue.FromDouble(x.ValueKind == JsonValueKind.String ? double.Parse(x.GetString()!, CultureInfo.InvariantCulture) : x.GetDouble());
        }

        if (TryProp(v, "bytesValue", "bytes_value", out x))
        {
            return AttributeValue.FromBytes(x.GetBytesFromBase64());
        }

        if (TryProp(v, "arrayValue", "array_value", out x) || TryProp(v, "kvlistValue", "kvlist_value", out x))
        {
            return AttributeValue.FromString(x.GetRawText());
        }

        return default;
    }

    private static int Enum(JsonElement e, string field, string prefix, string[] names)
    {
        if (e.ValueKind == JsonValueKind.Undefined || e.ValueKind == JsonValueKind.Null)
        {
            return 0;
        }

        if (e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out int n) && n >= 0 && n < names.Length)
        {
            return n;
        }

        if (e.ValueKind == JsonValueKind.String)
        {
            string s = e.GetString()!;
            for (int i = 0; i < names.Length; i++)
            {
                if (s.Length == prefix.Length + names[i].Length && s.StartsWith(prefix, StringComparison.Ordinal) && s.EndsWith(names[i], StringComparison.Ordinal))
                {
                    return i;
                }
            }
        }

        throw new FormatException($"{field} must be one of {prefix}{string.Join($", {prefix}", names)} or 0..{names.Length - 1}");
    }

    private static long Int64(JsonElement e, string field)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Undefined:
            case JsonValueKind.Null:
                return 0;
            case JsonValueKind.Number when e.TryGetInt64(out long n):
                return n;
            case JsonValueKind.Number when e.TryGetUInt64(out ulong u):
                return (long)Math.Min(u, long.MaxValue);
            case JsonValueKind.String when long.TryParse(e.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out long s):
                return s;
            case JsonValueKind.String when ulong.TryParse(e.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out ulong us):
                return (long)Math.Min(us, long.MaxValue);
            default:
                throw new FormatException($"{field} must be an unsigned integer (number or decimal string)");
        }
    }

    private static string StringOrEmpty(JsonElement e) => e.ValueKind == JsonValueKind.String ? e.GetString()! : string.Empty;

    private static JsonElement Prop(JsonElement obj, string camel, string snake) =>
        TryProp(obj, camel, snake, out JsonElement v) ? v : default;

    private static bool TryProp(JsonElement obj, string camel, string snake, out JsonElement value)
    {
        value = default;
        return obj.ValueKind == JsonValueKind.Object && (obj.TryGetProperty(camel, out value) || obj.TryGetProperty(snake, out value));
    }

    private static JsonElement.ArrayEnumerator Array(JsonElement e) =>
        e.ValueKind == JsonValueKind.Array ? e.EnumerateArray() : default;
}
