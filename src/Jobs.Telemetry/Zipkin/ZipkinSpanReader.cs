using System.Text.Json;
using StreamJobs.Telemetry.Ingest;
using StreamJobs.Telemetry.Spans;

namespace StreamJobs.Telemetry.Zipkin;

/// <summary>Reads one Zipkin v2 span object; on a bad field it records the first error and skips the rest of the object.</summary>
internal static class ZipkinSpanReader
{
    private const long NanosPerMicro = 1000;

    /// <summary>Reads the span whose opening brace <paramref name="reader"/> is on, from <paramref name="body"/> (the buffer it reads, so that an endpoint can be compared by its bytes).</summary>
    public static Span? Read(ref Utf8JsonReader reader, ReadOnlySpan<byte> body, ZipkinReadContext context, out string? error)
    {
        error = null;
        TraceId traceId = default;
        SpanId id = default;
        SpanId? parentId = null;
        bool hasTraceId = false, hasId = false;
        string name = string.Empty;
        SpanKind kind = SpanKind.Unspecified;
        long timestamp = 0, duration = 0;
        Endpoint? local = null, remote = null;
        SpanAttribute[]? tags = null;
        List<SpanEvent>? annotations = null;
        bool debug = false, shared = false;

        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (error is not null)
            {
                // Already rejected: consume the rest of the object so the next span parses.
                reader.Read();
                reader.Skip();
                continue;
            }

            ZipkinField field = ZipkinFields.Of(ref reader);
            reader.Read();
            switch (field)
            {
                case ZipkinField.TraceId:
                    hasTraceId = reader.TokenType == JsonTokenType.String && TryTraceId(ref reader, out traceId) && !traceId.IsEmpty;
                    error = hasTraceId ? null : "traceId must be 16 or 32 hex characters";
                    break;
                case ZipkinField.Id:
                    hasId = reader.TokenType == JsonTokenType.String && TrySpanId(ref reader, out id) && !id.IsEmpty;
                    error = hasId ? null : "id must be 16 hex characters";
                    break;
                case ZipkinField.ParentId when reader.TokenType != JsonTokenType.Null:
                    SpanId p = default;
                    bool ok = reader.TokenType == JsonTokenType.String && TrySpanId(ref reader, out p);
                    parentId = ok && !p.IsEmpty ? p : null;
                    error = ok ? null : "parentId must be 16 hex characters";
                    break;
                case ZipkinField.Name:
                    name = ReadString(ref reader, "name", ref error) ?? string.Empty;
                    break;
                case ZipkinField.Kind:
                    kind = ReadKind(ref reader, ref error);
                    break;
                case ZipkinField.Timestamp:
                    timestamp = ReadMicros(ref reader, "timestamp", ref error);
                    break;
                case ZipkinField.Duration:
                    duration = ReadMicros(ref reader, "duration", ref error);
                    break;
                case ZipkinField.LocalEndpoint:
                    local = ReadEndpoint(ref reader, body, "localEndpoint", context.LastLocal, ref context.LocalBytes, ref error);
                    context.LastLocal = local ?? context.LastLocal;
                    break;
                case ZipkinField.RemoteEndpoint:
                    remote = ReadEndpoint(ref reader, body, "remoteEndpoint", context.LastRemote, ref context.RemoteBytes, ref error);
                    context.LastRemote = remote ?? context.LastRemote;
                    break;
                case ZipkinField.Tags:
                    tags = ReadTags(ref reader, context.Tags, ref error);
                    break;
                case ZipkinField.Annotations:
                    annotations = ReadAnnotations(ref reader, ref error);
                    break;
                case ZipkinField.Debug:
                    debug = ReadBool(ref reader, "debug", ref error);
                    break;
                case ZipkinField.Shared:
                    shared = ReadBool(ref reader, "shared", ref error);
                    break;
                default:
                    SkipValue(ref reader);
                    break;
            }
        }

        if (error is null && !hasTraceId)
        {
            error = "traceId is missing";
        }
        else if (error is null && !hasId)
        {
            error = "id is missing";
        }

        if (error is not null)
        {
            return null;
        }

        return new Span
        {
            TraceId = traceId,
            Id = id,
            ParentId = parentId,
            Name = name,
            Kind = kind,
            ServiceName = local?.ServiceName,
            StartTimeUnixNanos = timestamp * NanosPerMicro,
            DurationNanos = duration * NanosPerMicro,
            LocalEndpoint = local,
            RemoteEndpoint = remote,
            Attributes = tags ?? [],
            Events = (IReadOnlyList<SpanEvent>?)annotations ?? [],
            Debug = debug,
            Shared = shared,
            Sampled = debug ? true : null,
        }.Prepared();
    }

    private static bool TryTraceId(ref Utf8JsonReader reader, out TraceId id)
    {
        id = default;
        return reader.ValueIsEscaped
            ? JsonText.TryGetString(ref reader, out string text) && TraceId.TryParse(text.AsSpan(), out id)
            : TraceId.TryParse(reader.ValueSpan, out id);
    }

    private static bool TrySpanId(ref Utf8JsonReader reader, out SpanId id)
    {
        id = default;
        return reader.ValueIsEscaped
            ? JsonText.TryGetString(ref reader, out string text) && SpanId.TryParse(text.AsSpan(), out id)
            : SpanId.TryParse(reader.ValueSpan, out id);
    }

    private static string? ReadString(ref Utf8JsonReader reader, string field, ref string? error)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            if (JsonText.TryGetPooledString(ref reader, out string text))
            {
                return text;
            }

            error = $"{field} is not valid UTF-8 text";
            return null;
        }

        if (reader.TokenType != JsonTokenType.Null)
        {
            error = $"{field} must be a string";
            reader.Skip();
        }

        return null;
    }

    private static long ReadMicros(ref Utf8JsonReader reader, string field, ref string? error)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out long v) && v >= 0 && v < long.MaxValue / NanosPerMicro)
        {
            return v;
        }

        if (reader.TokenType != JsonTokenType.Null)
        {
            error = $"{field} must be a non-negative integer (microseconds)";
            reader.Skip();
        }

        return 0;
    }

    private static bool ReadBool(ref Utf8JsonReader reader, string field, ref string? error)
    {
        if (reader.TokenType is JsonTokenType.True or JsonTokenType.False)
        {
            return reader.GetBoolean();
        }

        if (reader.TokenType != JsonTokenType.Null)
        {
            error = $"{field} must be true or false";
            reader.Skip();
        }

        return false;
    }

    private static SpanKind ReadKind(ref Utf8JsonReader reader, ref string? error)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return SpanKind.Unspecified;
        }

        if (reader.TokenType == JsonTokenType.String)
        {
            if (reader.ValueTextEquals("CLIENT"u8))
            {
                return SpanKind.Client;
            }

            if (reader.ValueTextEquals("SERVER"u8))
            {
                return SpanKind.Server;
            }

            if (reader.ValueTextEquals("PRODUCER"u8))
            {
                return SpanKind.Producer;
            }

            if (reader.ValueTextEquals("CONSUMER"u8))
            {
                return SpanKind.Consumer;
            }
        }

        error = "kind must be one of CLIENT, SERVER, PRODUCER, CONSUMER";
        reader.Skip();
        return SpanKind.Unspecified;
    }

    private static Endpoint? ReadEndpoint(ref Utf8JsonReader reader, ReadOnlySpan<byte> body, string field, Endpoint? previous, ref RawEndpointMemo memo, ref string? error)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            error = $"{field} must be an object";
            reader.Skip();
            return null;
        }

        int start = (int)reader.TokenStartIndex;
        if (memo.Match(body, start) is { } repeat)
        {
            // The same bytes as the last endpoint read without error: the reader still walks (and checks) them.
            reader.Skip();
            return repeat;
        }

        string? service = null, ipv4 = null, ipv6 = null;
        int port = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            ZipkinField name = ZipkinFields.Of(ref reader);
            reader.Read();
            switch (name)
            {
                case ZipkinField.Port:
                    if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out int p) && p is >= 0 and <= 65535)
                    {
                        port = p;
                    }
                    else if (reader.TokenType != JsonTokenType.Null)
                    {
                        error ??= $"{field}.port must be an integer 0..65535";
                    }

                    break;
                case ZipkinField.ServiceName:
                    service = ReadEndpointText(ref reader, field, "serviceName", ref error);
                    break;
                case ZipkinField.Ipv4:
                    ipv4 = ReadEndpointText(ref reader, field, "ipv4", ref error);
                    break;
                case ZipkinField.Ipv6:
                    ipv6 = ReadEndpointText(ref reader, field, "ipv6", ref error);
                    break;
            }

            SkipValue(ref reader);
        }

        var endpoint = SameEndpoint(previous, service, ipv4, ipv6, port) ? previous! : SharedEndpoints.Get(service, ipv4, ipv6, port);
        if (error is null)
        {
            memo.Remember(start, (int)reader.BytesConsumed, endpoint);
        }

        return endpoint;
    }

    private static string? ReadEndpointText(ref Utf8JsonReader reader, string field, string name, ref string? error)
    {
        string? value = reader.TokenType == JsonTokenType.String && JsonText.TryGetPooledString(ref reader, out string text) ? text : null;
        if (value is null && reader.TokenType != JsonTokenType.Null)
        {
            error ??= $"{field}.{name} must be a UTF-8 string";
        }

        return value;
    }

    /// <summary>Steps over the current value: a scalar is already consumed, a container is walked to its end.</summary>
    private static void SkipValue(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            reader.Skip();
        }
    }

    /// <summary>
    /// The spans of one request mostly share their endpoints. Endpoints are immutable and their text comes from the string
    /// pool, so a reference comparison finds the repeat and the spans share one instance (other repeats come from
    /// <see cref="SharedEndpoints"/>).
    /// </summary>
    private static bool SameEndpoint(Endpoint? previous, string? service, string? ipv4, string? ipv6, int port) =>
        previous is not null && ReferenceEquals(previous.ServiceName, service) && ReferenceEquals(previous.Ipv4, ipv4)
        && ReferenceEquals(previous.Ipv6, ipv6) && previous.Port == port;

    /// <summary>The tags as an array of exactly their count (a growing list would keep its slack for the trace's life).</summary>
    private static SpanAttribute[]? ReadTags(ref Utf8JsonReader reader, List<SpanAttribute> tags, ref string? error)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            error = "tags must be an object of string values";
            reader.Skip();
            return null;
        }

        tags.Clear();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            bool keyOk = JsonText.TryGetPooledString(ref reader, out string key);
            reader.Read();
            if (!keyOk)
            {
                error ??= "tags has a key that is not valid UTF-8 text";
                reader.Skip();
                continue;
            }

            switch (reader.TokenType)
            {
                case JsonTokenType.String when JsonText.TryGetPooledString(ref reader, out string value):
                    tags.Add(new SpanAttribute(key, value));
                    break;
                case JsonTokenType.Number:
                case JsonTokenType.True:
                case JsonTokenType.False:
                    // Zipkin requires strings, but some tracers send scalars; keep their text.
                    SharedText.TryDecode(reader.ValueSpan, out string scalar); // a number or literal: ASCII
                    tags.Add(new SpanAttribute(key, scalar));
                    break;
                default:
                    error ??= $"tags.{key} must be a string";
                    reader.Skip();
                    break;
            }
        }

        return tags.Count == 0 ? [] : tags.ToArray();
    }

    private static List<SpanEvent>? ReadAnnotations(ref Utf8JsonReader reader, ref string? error)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            error = "annotations must be an array";
            reader.Skip();
            return null;
        }

        var list = new List<SpanEvent>();
        int i = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                error ??= $"annotations[{i}] must be an object";
                reader.Skip();
                i++;
                continue;
            }

            long ts = -1;
            string? value = null;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                ZipkinField name = ZipkinFields.Of(ref reader);
                bool isTs = name == ZipkinField.Timestamp;
                bool isValue = name == ZipkinField.Value;
                reader.Read();
                if (isTs && reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out long t) && t >= 0 && t < long.MaxValue / NanosPerMicro)
                {
                    ts = t;
                }
                else if (isValue && reader.TokenType == JsonTokenType.String)
                {
                    value = JsonText.TryGetPooledString(ref reader, out string text) ? text : null;
                }

                SkipValue(ref reader);
            }

            if (ts < 0 || value is null)
            {
                error ??= $"annotations[{i}] needs a timestamp (microseconds) and a string value";
            }
            else
            {
                list.Add(new SpanEvent(ts * NanosPerMicro, value));
            }

            i++;
        }

        return list;
    }
}
