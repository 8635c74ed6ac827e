using static StreamJobs.Tests.Shared.ProtobufWire;
using System.Text;
using StreamJobs.Telemetry.Flows;
using StreamJobs.Telemetry.Ingest;
using StreamJobs.Telemetry.Otlp;
using StreamJobs.Telemetry.Zipkin;
using Xunit;
using Span = StreamJobs.Telemetry.Spans.Span;

namespace StreamJobs.Telemetry.Tests.Ingest;

/// <summary>The hostile bodies of issue 12 against each parser: bounded reports, a fault instead of an exception.</summary>
public sealed class HostileBodyTests
{
    private static byte[] Repeat(string head, string item, int count, string tail) =>
        Encoding.UTF8.GetBytes(head + string.Join(",", Enumerable.Repeat(item, count)) + tail);

    [Fact]
    public void Empty_zipkin_spans_are_counted_as_records_but_only_the_first_errors_are_kept()
    {
        var report = new ParseReport<SpanParseError>();
        var spans = new List<Span>();

        ZipkinJsonParser.Parse(Repeat("[", "{}", 50_000, "]"), spans, report);

        Assert.Empty(spans);
        Assert.Equal((50_000, 50_000, 100, 49_900), (report.Records, report.Rejected, report.Errors.Count, report.ErrorsOmitted));
        Assert.Equal(BodyFault.None, report.Fault);
    }

    [Theory]
    [InlineData("[", "{}", "]")]
    [InlineData("[", "1", "]")]
    public void More_zipkin_records_than_the_limit_is_a_too_many_fault(string head, string item, string tail)
    {
        var report = new ParseReport<SpanParseError>(new IngestLimits { MaxRecords = 1_000 });
        ZipkinJsonParser.Parse(Repeat(head, item, 1_400_000, tail), new List<Span>(), report);

        Assert.Equal(BodyFault.TooManyRecords, report.Fault);
        Assert.Contains("more than 1000 spans", report.FaultError!.Message);
        Assert.True(report.Errors.Count <= 100);
    }

    [Fact]
    public void Otlp_json_spans_that_are_all_bad_cost_no_exception_each()
    {
        var report = new ParseReport<SpanParseError>(new IngestLimits { MaxRecords = int.MaxValue });
        var body = Repeat("""{"resourceSpans":[{"scopeSpans":[{"spans":[""", "{}", 1_400_000, "]}]}]}");
        long thrown = 0;
        int thread = Environment.CurrentManagedThreadId;
        EventHandler<System.Runtime.ExceptionServices.FirstChanceExceptionEventArgs> count = (_, _) =>
        {
            if (Environment.CurrentManagedThreadId == thread) Interlocked.Increment(ref thrown);
        };
        AppDomain.CurrentDomain.FirstChanceException += count;
        try
        {
            OtlpTraceParser.ParseJson(body, new List<Span>(), report);
        }
        finally
        {
            AppDomain.CurrentDomain.FirstChanceException -= count;
        }

        Assert.Equal((1_400_000, 1_400_000, 100), (report.Records, report.Rejected, report.Errors.Count));
        Assert.Equal(0, thrown);
    }

    [Fact]
    public void Invalid_utf8_inside_a_json_string_is_a_malformed_body_on_every_json_parser()
    {
        byte[] zipkin = [.. "[{\"traceId\":\"463ac35c9f6413ad\",\"id\":\"a2fb4a1d1a96d312\",\"name\":\""u8, 0xFF, 0xFE, .. "\"}]"u8];
        byte[] otlp = [.. "{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":{\"stringValue\":\""u8, 0xC3, 0x28, .. "\"}}]},\"scopeSpans\":[]}]}"u8];
        byte[] flows = [.. "[{\"localIp\":\"10.0.0.1\",\"localWorkload\":\""u8, 0xED, 0xA0, 0x80, .. "\"}]"u8];

        var zipkinReport = new ParseReport<SpanParseError>();
        ZipkinJsonParser.Parse(zipkin, new List<Span>(), zipkinReport);
        var otlpReport = new ParseReport<SpanParseError>();
        OtlpTraceParser.ParseJson(otlp, new List<Span>(), otlpReport);
        var flowReport = new ParseReport<FlowJsonError>();
        new FlowJsonBatchDecoder().Decode(flows, new List<FlowRecord>(), flowReport);

        Assert.Equal(BodyFault.Malformed, zipkinReport.Fault);
        Assert.Contains("not valid UTF-8", zipkinReport.FaultError!.Message);
        Assert.Equal(BodyFault.Malformed, otlpReport.Fault);
        Assert.Contains("not valid UTF-8", otlpReport.FaultError!.Message);
        Assert.Equal(BodyFault.Malformed, flowReport.Fault);
        Assert.Contains("not valid UTF-8", flowReport.FaultError.Message);
    }

    [Theory]
    [InlineData("""[{"traceId":"463ac35c9f6413ad","id":"a2fb4a1d1a96d312","name":"\ud800x"}]""")]
    [InlineData("""[{"traceId":"463ac35c9f6413ad","id":"a2fb4a1d1a96d312","tags":{"\udc00":"v"}}]""")]
    [InlineData("""[{"\ud800":1}]""")]
    [InlineData("""{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"\udfff"}}]}}]}""")]
    [InlineData("""{"resource\ud83dSpans":[]}""")]
    public void A_lone_escaped_surrogate_anywhere_is_a_malformed_body_not_an_exception(string json)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var zipkin = new ParseReport<SpanParseError>();
        ZipkinJsonParser.Parse(body, new List<Span>(), zipkin);
        var otlp = new ParseReport<SpanParseError>();
        OtlpTraceParser.ParseJson(body, new List<Span>(), otlp);
        var flows = new ParseReport<FlowJsonError>();
        new FlowJsonBatchDecoder().Decode(body, new List<FlowRecord>(), flows);

        Assert.All([zipkin.FaultError?.Message, otlp.FaultError?.Message, flows.FaultError.Message], m => Assert.Contains("lone surrogate", m));
    }

    [Fact]
    public void Escaped_surrogate_pairs_and_escaped_backslashes_are_text()
    {
        var result = ZipkinJsonParser.Parse("""[{"traceId":"463ac35c9f6413ad","id":"a2fb4a1d1a96d312","name":"\\ud800 \ud83d\ude00"}]"""u8);
        Assert.Empty(result.Errors);
        Assert.Equal("\\ud800 \U0001F600", Assert.Single(result.Spans).Name);
    }

    [Theory]
    [InlineData("""{"boolValue":"yes"}""", "boolValue must be true or false")]
    [InlineData("""{"intValue":"12x"}""", "intValue must be a 64-bit integer")]
    [InlineData("""{"doubleValue":[1]}""", "doubleValue must be a number")]
    [InlineData("""{"bytesValue":"***"}""", "bytesValue must be a base64 string")]
    [InlineData("""{"stringValue":5}""", "stringValue must be a UTF-8 string")]
    public void A_wrongly_typed_resource_attribute_faults_the_request_with_where_and_what(string value, string message)
    {
        var json = $$"""{"resourceSpans":[{"resource":{"attributes":[{"key":"host.name","value":{{value}}}]},"scopeSpans":[{"spans":[{"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174"}]}]}]}""";
        var report = new ParseReport<SpanParseError>();
        var spans = new List<Span>();

        OtlpTraceParser.ParseJson(Encoding.UTF8.GetBytes(json), spans, report);

        Assert.Equal(BodyFault.Malformed, report.Fault);
        Assert.Equal("resourceSpans[0].resource", report.FaultError!.Location);
        Assert.Contains("attributes[0] (host.name): " + message, report.FaultError.Message);
    }

    [Fact]
    public void A_wrongly_typed_span_attribute_rejects_that_span_only()
    {
        var json = """{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174","attributes":[{"key":"k","value":{"boolValue":1}}]},{"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b175"}]}]}]}""";
        var result = OtlpTraceParser.ParseJson(Encoding.UTF8.GetBytes(json));

        Assert.Single(result.Spans);
        Assert.Equal("resourceSpans[0].scopeSpans[0].spans[0]: attributes[0] (k): boolValue must be true or false", Assert.Single(result.Errors).ToString());
    }

    [Theory]
    [InlineData("0affffffff07616263")]
    [InlineData("0a05120312010a")]
    [InlineData("0a80808080808080808001")]
    [InlineData("0b")]
    public void Malformed_protobuf_is_a_fault_not_an_exception(string hex)
    {
        var report = new ParseReport<SpanParseError>();
        OtlpTraceParser.ParseProtobuf(Convert.FromHexString(hex), new List<Span>(), report);

        Assert.Equal(BodyFault.Malformed, report.Fault);
        Assert.StartsWith("not a valid ExportTraceServiceRequest", report.FaultError!.Message);
    }

    [Fact]
    public void Protobuf_spans_past_the_limit_are_refused_before_the_message_is_built()
    {
        // One resource, one scope, 2,000,000 empty spans (2 bytes each): counted on the wire, never materialized.
        const int count = 2_000_000;
        var scope = new byte[count * 2];
        for (int i = 0; i < count; i++) scope[2 * i] = 0x12;
        byte[] scopeSpans = [0x12, .. Varint((ulong)scope.Length), .. scope];
        byte[] request = [0x0A, .. Varint((ulong)scopeSpans.Length), .. scopeSpans];
        var report = new ParseReport<SpanParseError>();
        long before = GC.GetAllocatedBytesForCurrentThread();

        OtlpTraceParser.ParseProtobuf(request, new List<Span>(), report);

        Assert.Equal(BodyFault.TooManyRecords, report.Fault);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1_000_000, "the spans were materialized");
    }

    [Fact]
    public void Long_escaped_zipkin_names_and_endpoints_that_never_repeat_are_read_without_a_fault()
    {
        // Names far longer than any field escaped byte by byte, and an endpoint one byte apart from the last on every span.
        string longName = string.Concat(Enumerable.Repeat("\\u0061", 200));
        var spans = new List<Span>();
        var report = new ParseReport<SpanParseError>();
        string items = string.Join(",", Enumerable.Range(0, 5_000).Select(i =>
            "{\"" + longName + "\":1,\"traceId\":\"463ac35c9f6413ad48485a3953bb6124\",\"id\":\"a2fb4a1d1a96d312\",\"localEndpoint\":{\"serviceName\":\"s\",\"port\":" + i + "}}"));

        ZipkinJsonParser.Parse(Encoding.UTF8.GetBytes($"[{items}]"), spans, report);

        Assert.Equal(BodyFault.None, report.Fault);
        Assert.Equal(Enumerable.Range(0, 5_000), spans.Select(s => s.LocalEndpoint!.Port));
    }

    [Fact]
    public void Nesting_past_the_depth_limit_is_a_malformed_body()
    {
        var deep = Encoding.ASCII.GetBytes("[{\"traceId\":\"463ac35c9f6413ad\",\"id\":\"a2fb4a1d1a96d312\",\"tags\":{\"x\":" + new string('[', 100_000) + new string(']', 100_000) + "}}]");
        var report = new ParseReport<SpanParseError>(new IngestLimits { MaxJsonDepth = 32 });

        ZipkinJsonParser.Parse(deep, new List<Span>(), report);

        Assert.Equal(BodyFault.Malformed, report.Fault);
        Assert.Contains("depth", report.FaultError!.Message);
    }

    [Fact]
    public void Flows_with_every_field_missing_count_one_rejection_each()
    {
        var report = new ParseReport<FlowJsonError>();
        new FlowJsonBatchDecoder().Decode(Repeat("[", "{}", 20_000, "]"), new List<FlowRecord>(), report);

        Assert.Equal((20_000, 20_000, 100), (report.Records, report.Rejected, report.Errors.Count));
        Assert.Equal("required fields are missing: localIp, localPort, remoteIp, remotePort, startMs, endMs", report.Errors[0].Message);
    }

    [Fact]
    public void A_datagram_claiming_more_records_than_it_holds_counts_one_cut_record()
    {
        byte[] datagram = new byte[FlowBinaryFormat.HeaderSize];
        BitConverter.TryWriteBytes(datagram.AsSpan(0), FlowBinaryFormat.Magic);
        datagram[4] = FlowBinaryFormat.Version;
        BitConverter.TryWriteBytes(datagram.AsSpan(6), ushort.MaxValue);
        var decoder = new FlowDatagramDecoder();

        var result = decoder.Decode(datagram, new FlowRecord[1]);

        Assert.Equal((FlowDatagramStatus.Ok, 0, 1, FlowRecordError.Truncated), (result.Status, result.RecordsDecoded, result.RecordsDropped, result.FirstError));
        Assert.Equal((1L, 1L), (decoder.RecordsDropped, decoder.DatagramsTruncated));
    }
}
