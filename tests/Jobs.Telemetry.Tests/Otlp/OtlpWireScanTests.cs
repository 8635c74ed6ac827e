using static StreamJobs.Tests.Shared.ProtobufWire;
using StreamJobs.Telemetry.Ingest;
using StreamJobs.Telemetry.Otlp;
using Xunit;
using Span = StreamJobs.Telemetry.Spans.Span;

namespace StreamJobs.Telemetry.Tests.Otlp;

/// <summary>Span children (attributes, events, links, array values) are counted on the wire before any message is built.</summary>
public sealed class OtlpWireScanTests
{
    private static readonly byte[] TraceId = [.. Enumerable.Range(1, 16).Select(i => (byte)i)];
    private static readonly byte[] SpanId = [.. Enumerable.Range(1, 8).Select(i => (byte)i)];

    [Fact]
    public void Empty_attributes_past_the_limit_are_refused_before_the_message_is_built()
    {
        // One span holding 2,000,000 empty attributes (2 bytes each, 4 MB): 2M KeyValue objects if parsed.
        const int count = 2_000_000;
        var attributes = new byte[count * 2];
        for (int i = 0; i < count; i++) attributes[2 * i] = 0x4A;
        var request = Request(Resource([]), Scope([]), [.. SpanHead(), .. attributes]);
        var report = new ParseReport<SpanParseError>();
        long before = GC.GetAllocatedBytesForCurrentThread();

        OtlpTraceParser.ParseProtobuf(request, new List<Span>(), report);

        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1_000_000, "the attributes were materialized");
        Assert.Equal(BodyFault.TooManyAttributes, report.Fault);
        Assert.Equal($"$: the request holds more than {IngestLimits.DefaultMaxAttributes} attributes, events, links and array values in all; send smaller batches", report.FaultError!.ToString());
    }

    public static TheoryData<string> Kinds => ["resource attribute", "scope attribute", "span attribute", "event", "event attribute", "link", "link attribute", "array value", "key-value list entry"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_kind_of_child_counts_toward_the_limit(string kind)
    {
        var limits = new IngestLimits { MaxAttributes = 10 };
        var atLimit = new ParseReport<SpanParseError>(limits);
        var pastLimit = new ParseReport<SpanParseError>(limits);

        var spans = new List<Span>();
        OtlpTraceParser.ParseProtobuf(WithChildren(kind, 10), spans, atLimit);
        OtlpTraceParser.ParseProtobuf(WithChildren(kind, 11), new List<Span>(), pastLimit);

        Assert.Equal(BodyFault.None, atLimit.Fault);
        Assert.Single(spans);
        Assert.Equal(BodyFault.TooManyAttributes, pastLimit.Fault);
    }

    [Fact]
    public void Array_values_nested_past_the_protobuf_depth_limit_are_a_malformed_body()
    {
        byte[] value = [];
        for (int i = 0; i < 20_000; i++) value = Field(0x2A, Field(0x0A, value)); // AnyValue.array_value.values[0]
        var request = Request(Resource([]), Scope([]), [.. SpanHead(), .. Field(0x4A, [.. Field(0x0A, "k"u8.ToArray()), .. Field(0x12, value)])]);
        var report = new ParseReport<SpanParseError>();

        OtlpTraceParser.ParseProtobuf(request, new List<Span>(), report);

        Assert.Equal(BodyFault.Malformed, report.Fault);
    }

    [Fact]
    public void A_body_too_small_to_pass_a_limit_skips_the_count_but_broken_framing_is_still_named_as_before()
    {
        // 2 bytes per span or child at least: this body cannot pass either limit, so the decoder runs first; it gives
        // up on the cut-off span, adds nothing, and the wire check names the fault as it always did.
        var request = Request(Resource([]), Scope([]), SpanHead());
        var spans = new List<Span>();
        var report = new ParseReport<SpanParseError>();

        OtlpTraceParser.ParseProtobuf(request[..^1], spans, report);

        Assert.Empty(spans);
        Assert.Equal(BodyFault.Malformed, report.Fault);
        Assert.Equal("$: not a valid ExportTraceServiceRequest: the protobuf wire format is broken", report.FaultError!.ToString());
    }

    [Fact]
    public void An_unbounded_parse_still_reads_every_child()
    {
        var result = OtlpTraceParser.ParseProtobuf(WithChildren("span attribute", 300_000));

        Assert.Empty(result.Errors);
        Assert.Equal(300_000, Assert.Single(result.Spans).Attributes.Count);
    }

    private static byte[] WithChildren(string kind, int count)
    {
        byte[] Many(byte[] item) => [.. Enumerable.Repeat(item, count).SelectMany(b => b)];
        byte[] attribute = Field(0x0A, "k"u8.ToArray()); // KeyValue{key = "k"}
        byte[] keyValue(byte tag) => Field(tag, attribute);
        return kind switch
        {
            "resource attribute" => Request(Resource(Many(keyValue(0x0A))), Scope([]), SpanHead()),
            "scope attribute" => Request(Resource([]), Scope(Many(keyValue(0x1A))), SpanHead()),
            "span attribute" => Request(Resource([]), Scope([]), [.. SpanHead(), .. Many(keyValue(0x4A))]),
            "event" => Request(Resource([]), Scope([]), [.. SpanHead(), .. Many(Field(0x5A, Field(0x12, "e"u8.ToArray())))]),
            "event attribute" => Request(Resource([]), Scope([]), [.. SpanHead(), .. Field(0x5A, CountLess(keyValue(0x1A), count))]),
            "link" => Request(Resource([]), Scope([]), [.. SpanHead(), .. Many(Field(0x6A, Field(0x0A, TraceId)))]),
            "link attribute" => Request(Resource([]), Scope([]), [.. SpanHead(), .. Field(0x6A, CountLess(keyValue(0x22), count))]),
            // One event or link holding count - 1 attributes, or one span attribute whose value is an array (or key-value list) of count - 1 entries: count children in all.
            "array value" => Request(Resource([]), Scope([]), [.. SpanHead(), .. Field(0x4A, [.. attribute, .. Field(0x12, Field(0x2A, CountLess(Field(0x0A, [0x18, 0x01]), count)))])]),
            "key-value list entry" => Request(Resource([]), Scope([]), [.. SpanHead(), .. Field(0x4A, [.. attribute, .. Field(0x12, Field(0x32, CountLess(keyValue(0x0A), count)))])]),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    private static byte[] CountLess(byte[] item, int count) => [.. Enumerable.Repeat(item, count - 1).SelectMany(b => b)];

    private static byte[] SpanHead() => [.. Field(0x0A, TraceId), .. Field(0x12, SpanId), .. Field(0x2A, "op"u8.ToArray())];

    private static byte[] Resource(byte[] resource) => resource.Length == 0 ? [] : Field(0x0A, resource);

    private static byte[] Scope(byte[] scope) => scope.Length == 0 ? [] : Field(0x0A, scope);

    // ExportTraceServiceRequest{resource_spans = [ResourceSpans{resource, scope_spans = [ScopeSpans{scope, spans = [span]}]}]}
    private static byte[] Request(byte[] resource, byte[] scope, byte[] span) =>
        Field(0x0A, [.. resource, .. Field(0x12, [.. scope, .. Field(0x12, span)])]);

}
