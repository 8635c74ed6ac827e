using System.Globalization;
using System.Text.Json;
using StreamJobs.Telemetry.Ingest;
using StreamJobs.Telemetry.Spans;

namespace StreamJobs.Telemetry.Otlp;

/// <summary>
/// Maps OTLP/JSON to the span model. Follows the OTLP/JSON rules: lowerCamelCase keys (snake_case
/// also accepted), ids as hex strings, 64-bit integers as strings or numbers, enums as names or numbers.
/// A bad span is rejected alone; a bad request structure or resource (shared by its spans) faults the body.
/// Every check is Try-style: a hostile body costs a counted rejection per span, never an exception.
/// </summary>
internal static class OtlpJsonMapper
{
    private static readonly string[] KindNames = ["UNSPECIFIED", "INTERNAL", "SERVER", "CLIENT", "PRODUCER", "CONSUMER"];
    private static readonly string[] StatusNames = ["UNSET", "OK", "ERROR"];

    public static int Map(JsonElement root, ICollection<Span> spans, ParseReport<SpanParseError> report)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Fault(report, "$", "expected an object with resourceSpans");
        }

        if (!TryProp(root, "resourceSpans", "resource_spans", out JsonElement resourceSpans) || resourceSpans.ValueKind == JsonValueKind.Null)
        {
            return 0;
        }

        if (resourceSpans.ValueKind != JsonValueKind.Array)
        {
            return Fault(report, "resourceSpans", "must be an array");
        }

        int index = 0, added = 0, r = 0;
        foreach (JsonElement rs in resourceSpans.EnumerateArray())
        {
            string where = $"resourceSpans[{r}]";
            if (rs.ValueKind != JsonValueKind.Object)
            {
                return Fault(report, where, "must be an object");
            }

            if (!TryResourceService(rs, out string? service, out string? resourceError))
            {
                return Fault(report, where + ".resource", resourceError!);
            }

            if (!TryArray(Prop(rs, "scopeSpans", "scope_spans"), out var scopes))
            {
                return Fault(report, where + ".scopeSpans", "must be an array");
            }

            int s = 0;
            foreach (JsonElement ss in scopes)
            {
                if (ss.ValueKind != JsonValueKind.Object || !TryArray(Prop(ss, "spans", "spans"), out var list))
                {
                    return Fault(report, $"{where}.scopeSpans[{s}]", "must be an object with a spans array");
                }

                int k = 0;
                foreach (JsonElement js in list)
                {
                    if (!report.TryCountRecord(OtlpTraceParser.TooMany))
                    {
                        return added;
                    }

                    if (TryMapSpan(js, service, out Span? span, out string? error))
                    {
                        spans.Add(span!);
                        added++;
                    }
                    else
                    {
                        report.Reject(new SpanParseError(index, $"{where}.scopeSpans[{s}].spans[{k}]", error!));
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

    private static int Fault(ParseReport<SpanParseError> report, string location, string message)
    {
        report.Fail(BodyFault.Malformed, new SpanParseError(-1, location, message));
        return 0;
    }

    /// <summary>Checks every resource attribute (a wrongly typed one faults the request) and finds service.name.</summary>
    private static bool TryResourceService(JsonElement rs, out string? service, out string? error)
    {
        service = null;
        error = null;
        if (!TryProp(rs, "resource", "resource", out JsonElement resource) || resource.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (resource.ValueKind != JsonValueKind.Object)
        {
            error = "must be an object";
            return false;
        }

        if (!TryMapAttributes(Prop(resource, "attributes", "attributes"), "attributes", out var attributes, out error))
        {
            return false;
        }

        foreach (SpanAttribute a in attributes)
        {
            if (a.Key != OtlpProtoMapper.ServiceNameKey)
            {
                continue;
            }

            if (a.Value.Kind != AttributeKind.String)
            {
                error = $"attribute {OtlpProtoMapper.ServiceNameKey} must be a stringValue";
                return false;
            }

            service = a.Value.AsString;
        }

        return true;
    }

    private static bool TryMapSpan(JsonElement js, string? service, out Span? span, out string? error)
    {
        span = null;
        if (js.ValueKind != JsonValueKind.Object)
        {
            error = "span must be an object";
            return false;
        }

        if (!TryString(Prop(js, "traceId", "trace_id"), out string traceHex) || traceHex.Length != 32 || !TraceId.TryParse(traceHex.AsSpan(), out TraceId traceId) || traceId.IsEmpty)
        {
            error = "traceId must be 32 hex characters";
            return false;
        }

        if (!TryString(Prop(js, "spanId", "span_id"), out string spanHex) || !SpanId.TryParse(spanHex.AsSpan(), out SpanId spanId) || spanId.IsEmpty)
        {
            error = "spanId must be 16 hex characters";
            return false;
        }

        SpanId? parent = null;
        if (!TryString(Prop(js, "parentSpanId", "parent_span_id"), out string parentHex))
        {
            error = "parentSpanId must be a string";
            return false;
        }

        if (parentHex.Length > 0)
        {
            if (!SpanId.TryParse(parentHex.AsSpan(), out SpanId p))
            {
                error = "parentSpanId must be 16 hex characters or empty";
                return false;
            }

            parent = p.IsEmpty ? null : p;
        }

        if (!TryString(Prop(js, "name", "name"), out string name))
        {
            error = "name must be a UTF-8 string";
            return false;
        }

        if (!TryUnsigned(Prop(js, "startTimeUnixNano", "start_time_unix_nano"), "startTimeUnixNano", out long start, out error) ||
            !TryUnsigned(Prop(js, "endTimeUnixNano", "end_time_unix_nano"), "endTimeUnixNano", out long end, out error) ||
            !TryUnsigned(Prop(js, "flags", "flags"), "flags", out long flags, out error) ||
            !TryEnum(Prop(js, "kind", "kind"), "kind", "SPAN_KIND_", KindNames, out int kind, out error))
        {
            return false;
        }

        int status = 0;
        string statusMessage = string.Empty;
        if (TryProp(js, "status", "status", out JsonElement st) && st.ValueKind != JsonValueKind.Null)
        {
            if (st.ValueKind != JsonValueKind.Object)
            {
                error = "status must be an object";
                return false;
            }

            if (!TryEnum(Prop(st, "code", "code"), "status.code", "STATUS_CODE_", StatusNames, out status, out error))
            {
                return false;
            }

            if (!TryString(Prop(st, "message", "message"), out statusMessage))
            {
                error = "status.message must be a UTF-8 string";
                return false;
            }
        }

        if (!TryMapAttributes(Prop(js, "attributes", "attributes"), "attributes", out var attributes, out error) ||
            !TryMapEvents(Prop(js, "events", "events"), out var events, out error))
        {
            return false;
        }

        span = new Span
        {
            TraceId = traceId,
            Id = spanId,
            ParentId = parent,
            Name = name,
            Kind = (SpanKind)kind,
            ServiceName = service,
            StartTimeUnixNanos = start,
            DurationNanos = end > start ? end - start : 0,
            Attributes = attributes,
            Events = events,
            Status = (SpanStatusCode)status,
            StatusMessage = statusMessage.Length == 0 ? null : statusMessage,
            Sampled = (flags & 1) != 0 ? true : null,
        }.Prepared();
        error = null;
        return true;
    }

    private static bool TryMapEvents(JsonElement e, out IReadOnlyList<SpanEvent> events, out string? error)
    {
        events = [];
        error = null;
        if (!TryArray(e, out var items))
        {
            error = "events must be an array";
            return false;
        }

        List<SpanEvent>? list = null;
        int i = 0;
        foreach (JsonElement item in items)
        {
            string where = $"events[{i}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                error = where + " must be an object";
                return false;
            }

            if (!TryUnsigned(Prop(item, "timeUnixNano", "time_unix_nano"), where + ".timeUnixNano", out long time, out error) ||
                !TryMapAttributes(Prop(item, "attributes", "attributes"), where + ".attributes", out var attributes, out error))
            {
                return false;
            }

            if (!TryString(Prop(item, "name", "name"), out string name))
            {
                error = where + ".name must be a UTF-8 string";
                return false;
            }

            (list ??= []).Add(new SpanEvent(time, name, attributes));
            i++;
        }

        events = (IReadOnlyList<SpanEvent>?)list ?? [];
        return true;
    }

    private static bool TryMapAttributes(JsonElement attributes, string where, out IReadOnlyList<SpanAttribute> result, out string? error)
    {
        result = [];
        error = null;
        if (!TryArray(attributes, out var items))
        {
            error = where + " must be an array";
            return false;
        }

        List<SpanAttribute>? list = null;
        int i = 0;
        foreach (JsonElement kv in items)
        {
            if (kv.ValueKind != JsonValueKind.Object || !TryString(Prop(kv, "key", "key"), out string key))
            {
                error = $"{where}[{i}] must be an object with a string key";
                return false;
            }

            if (!TryMapValue(Prop(kv, "value", "value"), out AttributeValue value, out string? problem))
            {
                error = $"{where}[{i}] ({key}): {problem}";
                return false;
            }

            (list ??= []).Add(new SpanAttribute(key, value));
            i++;
        }

        result = (IReadOnlyList<SpanAttribute>?)list ?? [];
        return true;
    }

    private static bool TryMapValue(JsonElement v, out AttributeValue value, out string? error)
    {
        value = default;
        error = null;
        if (v.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return true;
        }

        if (v.ValueKind != JsonValueKind.Object)
        {
            error = "value must be an AnyValue object";
            return false;
        }

        if (TryProp(v, "stringValue", "string_value", out JsonElement x))
        {
            if (TryString(x, out string s))
            {
                value = AttributeValue.FromString(s);
                return true;
            }

            error = "stringValue must be a UTF-8 string";
            return false;
        }

        if (TryProp(v, "boolValue", "bool_value", out x))
        {
            if (x.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                value = AttributeValue.FromBool(x.ValueKind == JsonValueKind.True);
                return true;
            }

            error = "boolValue must be true or false";
            return false;
        }

        if (TryProp(v, "intValue", "int_value", out x))
        {
            if (TrySigned(x, out long n))
            {
                value = AttributeValue.FromInt(n);
                return true;
            }

            error = "intValue must be a 64-bit integer (number or decimal string)";
            return false;
        }

        if (TryProp(v, "doubleValue", "double_value", out x))
        {
            if (x.ValueKind == JsonValueKind.Number && x.TryGetDouble(out double d) ||
                x.ValueKind == JsonValueKind.String && TryString(x, out string text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out d))
            {
                value = AttributeValue.FromDouble(d);
                return true;
            }

            error = "doubleValue must be a number";
            return false;
        }

        if (TryProp(v, "bytesValue", "bytes_value", out x))
        {
            if (x.ValueKind == JsonValueKind.String && x.TryGetBytesFromBase64(out byte[]? bytes))
            {
                value = AttributeValue.FromBytes(bytes);
                return true;
            }

            error = "bytesValue must be a base64 string";
            return false;
        }

        if (TryProp(v, "arrayValue", "array_value", out x) || TryProp(v, "kvlistValue", "kvlist_value", out x))
        {
            value = AttributeValue.FromString(x.GetRawText());
        }

        return true;
    }

    private static bool TryEnum(JsonElement e, string field, string prefix, string[] names, out int value, out string? error)
    {
        value = 0;
        error = null;
        if (e.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return true;
        }

        if (e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out int n) && n >= 0 && n < names.Length)
        {
            value = n;
            return true;
        }

        if (e.ValueKind == JsonValueKind.String && TryString(e, out string s))
        {
            for (int i = 0; i < names.Length; i++)
            {
                if (s.Length == prefix.Length + names[i].Length && s.StartsWith(prefix, StringComparison.Ordinal) && s.EndsWith(names[i], StringComparison.Ordinal))
                {
                    value = i;
                    return true;
                }
            }
        }

        error = $"{field} must be one of {prefix}{string.Join($", {prefix}", names)} or 0..{names.Length - 1}";
        return false;
    }

    /// <summary>A fixed64/uint64 field: a number or decimal string, clamped to <see cref="long.MaxValue"/>; absent is 0.</summary>
    private static bool TryUnsigned(JsonElement e, string field, out long value, out string? error)
    {
        value = 0;
        error = null;
        switch (e.ValueKind)
        {
            case JsonValueKind.Undefined:
            case JsonValueKind.Null:
                return true;
            case JsonValueKind.Number when e.TryGetInt64(out long n) && n >= 0:
                value = n;
                return true;
            case JsonValueKind.Number when e.TryGetUInt64(out ulong u):
                value = (long)Math.Min(u, long.MaxValue);
                return true;
            case JsonValueKind.String when TryString(e, out string text) && ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong us):
                value = (long)Math.Min(us, long.MaxValue);
                return true;
            default:
                error = $"{field} must be an unsigned integer (number or decimal string)";
                return false;
        }
    }

    private static bool TrySigned(JsonElement e, out long value)
    {
        value = 0;
        return e.ValueKind switch
        {
            JsonValueKind.Number => e.TryGetInt64(out value),
            JsonValueKind.String => TryString(e, out string text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value),
            _ => false,
        };
    }

    /// <summary>A string field: absent or null is empty; false for another type or text that is not valid UTF-8.</summary>
    private static bool TryString(JsonElement e, out string value)
    {
        value = string.Empty;
        return e.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null || JsonText.TryGetString(e, out value);
    }

    private static JsonElement Prop(JsonElement obj, string camel, string snake) =>
        TryProp(obj, camel, snake, out JsonElement v) ? v : default;

    private static bool TryProp(JsonElement obj, string camel, string snake, out JsonElement value)
    {
        value = default;
        return obj.ValueKind == JsonValueKind.Object && (obj.TryGetProperty(camel, out value) || obj.TryGetProperty(snake, out value));
    }

    /// <summary>An array, or empty for absent/null; false for any other type.</summary>
    private static bool TryArray(JsonElement e, out JsonElement.ArrayEnumerator items)
    {
        items = default;
        if (e.ValueKind == JsonValueKind.Array)
        {
            items = e.EnumerateArray();
            return true;
        }

        return e.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null;
    }
}
