using Google.Protobuf;
using Google.Protobuf.Collections;
using OpenTelemetry.Proto.Collector.Trace.V1;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Trace.V1;
using StreamJobs.Telemetry.Ingest;
using StreamJobs.Telemetry.Spans;
using OtlpSpan = OpenTelemetry.Proto.Trace.V1.Span;
using Span = StreamJobs.Telemetry.Spans.Span;

namespace StreamJobs.Telemetry.Otlp;

/// <summary>Maps generated OTLP protobuf messages to the span model.</summary>
internal static class OtlpProtoMapper
{
    public const string ServiceNameKey = "service.name";

    public static int Map(ExportTraceServiceRequest request, ICollection<Span> spans, ParseReport<SpanParseError> report)
    {
        int index = 0;
        int added = 0;
        for (int r = 0; r < request.ResourceSpans.Count; r++)
        {
            ResourceSpans resourceSpans = request.ResourceSpans[r];
            string? service = FindServiceName(resourceSpans.Resource?.Attributes);
            for (int s = 0; s < resourceSpans.ScopeSpans.Count; s++)
            {
                RepeatedField<OtlpSpan> list = resourceSpans.ScopeSpans[s].Spans;
                for (int k = 0; k < list.Count; k++, index++)
                {
                    if (!report.TryCountRecord(OtlpTraceParser.TooMany))
                    {
                        return added;
                    }

                    Span? span = MapSpan(list[k], service, out string? error);
                    if (span is null)
                    {
                        report.Reject(new SpanParseError(index, $"resourceSpans[{r}].scopeSpans[{s}].spans[{k}]", error!));
                    }
                    else
                    {
                        spans.Add(span);
                        added++;
                    }
                }
            }
        }

        return added;
    }

    private static Span? MapSpan(OtlpSpan source, string? service, out string? error)
    {
        error = null;
        if (!TraceId.TryFromBytes(source.TraceId.Span, out TraceId traceId) || traceId.IsEmpty)
        {
            error = $"traceId must be 16 non-zero bytes, got {source.TraceId.Length}";
            return null;
        }

        if (!SpanId.TryFromBytes(source.SpanId.Span, out SpanId spanId) || spanId.IsEmpty)
        {
            error = $"spanId must be 8 non-zero bytes, got {source.SpanId.Length}";
            return null;
        }

        SpanId? parent = null;
        if (!source.ParentSpanId.IsEmpty)
        {
            if (!SpanId.TryFromBytes(source.ParentSpanId.Span, out SpanId p))
            {
                error = $"parentSpanId must be 8 bytes or empty, got {source.ParentSpanId.Length}";
                return null;
            }

            parent = p.IsEmpty ? null : p;
        }

        long start = (long)Math.Min(source.StartTimeUnixNano, long.MaxValue);
        long end = (long)Math.Min(source.EndTimeUnixNano, long.MaxValue);
        return new Span
        {
            TraceId = traceId,
            Id = spanId,
            ParentId = parent,
            Name = source.Name,
            Kind = (int)source.Kind is >= 0 and <= 5 ? (SpanKind)(int)source.Kind : SpanKind.Unspecified,
            ServiceName = service,
            StartTimeUnixNanos = start,
            DurationNanos = end > start ? end - start : 0,
            Attributes = MapAttributes(source.Attributes),
            Events = MapEvents(source.Events),
            Status = source.Status is null ? SpanStatusCode.Unset : (SpanStatusCode)Math.Clamp((int)source.Status.Code, 0, 2),
            StatusMessage = string.IsNullOrEmpty(source.Status?.Message) ? null : source.Status.Message,
            Sampled = (source.Flags & 0x1) != 0 ? true : null,
        }.Prepared();
    }

    internal static string? FindServiceName(RepeatedField<KeyValue>? attributes)
    {
        if (attributes is null)
        {
            return null;
        }

        foreach (KeyValue kv in attributes)
        {
            if (kv.Key == ServiceNameKey && kv.Value?.ValueCase == AnyValue.ValueOneofCase.StringValue)
            {
                return kv.Value.StringValue;
            }
        }

        return null;
    }

    private static IReadOnlyList<SpanAttribute> MapAttributes(RepeatedField<KeyValue> attributes)
    {
        if (attributes.Count == 0)
        {
            return [];
        }

        var result = new SpanAttribute[attributes.Count];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = new SpanAttribute(attributes[i].Key, MapValue(attributes[i].Value));
        }

        return result;
    }

    private static AttributeValue MapValue(AnyValue? value) => value?.ValueCase switch
    {
        AnyValue.ValueOneofCase.StringValue => AttributeValue.FromString(value.StringValue),
        AnyValue.ValueOneofCase.BoolValue => AttributeValue.FromBool(value.BoolValue),
        AnyValue.ValueOneofCase.IntValue => AttributeValue.FromInt(value.IntValue),
        AnyValue.ValueOneofCase.DoubleValue => AttributeValue.FromDouble(value.DoubleValue),
        AnyValue.ValueOneofCase.BytesValue => AttributeValue.FromBytes(value.BytesValue.Span),
        AnyValue.ValueOneofCase.ArrayValue or AnyValue.ValueOneofCase.KvlistValue => AttributeValue.FromString(JsonFormatter.Default.Format(value)),
        _ => default,
    };

    private static IReadOnlyList<SpanEvent> MapEvents(RepeatedField<OtlpSpan.Types.Event> events)
    {
        if (events.Count == 0)
        {
            return [];
        }

        var result = new SpanEvent[events.Count];
        for (int i = 0; i < result.Length; i++)
        {
            OtlpSpan.Types.Event e = events[i];
            result[i] = new SpanEvent((long)Math.Min(e.TimeUnixNano, long.MaxValue), e.Name, MapAttributes(e.Attributes));
        }

        return result;
    }
}
