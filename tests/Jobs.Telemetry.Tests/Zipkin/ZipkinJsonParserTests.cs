using System.Text;
using StreamJobs.Telemetry.Ingest;
using StreamJobs.Telemetry.Spans;
using StreamJobs.Telemetry.Zipkin;
using Xunit;

namespace StreamJobs.Telemetry.Tests.Zipkin;

public class ZipkinJsonParserTests
{
    internal const string Good = """
        {"traceId":"463ac35c9f6413ad48485a3953bb6124","id":"a2fb4a1d1a96d312","parentId":"0020000000000001",
         "name":"get /api","kind":"SERVER","timestamp":1556604172355737,"duration":1431,
         "localEndpoint":{"serviceName":"backend","ipv4":"192.168.99.1","port":3306},
         "remoteEndpoint":{"ipv6":"::1","port":80},
         "annotations":[{"timestamp":1556604172355800,"value":"wr"}],
         "tags":{"http.method":"GET","http.status_code":"200"},"debug":true,"shared":true}
        """;

    [Fact]
    public void Parses_every_field_of_a_v2_span()
    {
        SpanParseResult result = ZipkinJsonParser.Parse(Encoding.UTF8.GetBytes($"[{Good}]"));

        Assert.Empty(result.Errors);
        Span span = Assert.Single(result.Spans);
        Assert.Equal("463ac35c9f6413ad48485a3953bb6124", span.TraceId.ToString());
        Assert.Equal("a2fb4a1d1a96d312", span.Id.ToString());
        Assert.Equal("0020000000000001", span.ParentId.ToString());
        Assert.Equal("get /api", span.Name);
        Assert.Equal(SpanKind.Server, span.Kind);
        Assert.Equal(1556604172355737L * 1000, span.StartTimeUnixNanos);
        Assert.Equal(1431L * 1000, span.DurationNanos);
        Assert.Equal("backend", span.ServiceName);
        Assert.Equal(new Endpoint("backend", "192.168.99.1", null, 3306), span.LocalEndpoint);
        Assert.Equal(new Endpoint(null, null, "::1", 80), span.RemoteEndpoint);
        Assert.Equal("wr", Assert.Single(span.Events).Name);
        Assert.True(span.TryGetAttribute("http.status_code", out AttributeValue code));
        Assert.Equal("200", code.ToString());
        Assert.True(span.Debug);
        Assert.True(span.Shared);
    }

    [Fact]
    public void Accepts_64_bit_trace_ids_and_keeps_them_short()
    {
        SpanParseResult result = ZipkinJsonParser.Parse("""[{"traceId":"48485a3953bb6124","id":"48485a3953bb6124"}]"""u8);

        Span span = Assert.Single(result.Spans);
        Assert.Equal(0UL, span.TraceId.High);
        Assert.Equal("48485a3953bb6124", span.TraceId.ToString());
        Assert.Null(span.ParentId);
    }

    [Fact]
    public void Malformed_spans_are_reported_by_index_and_field_while_good_ones_survive()
    {
        string json = $$$"""
            [
              {{{Good}}},
              {"traceId":"xyz","id":"a2fb4a1d1a96d312"},
              {{{Good}}},
              {"traceId":"463ac35c9f6413ad48485a3953bb6124","id":"a2fb4a1d1a96d312","timestamp":"soon","tags":{"a":"b"}},
              {"traceId":"463ac35c9f6413ad48485a3953bb6124"},
              42,
              {"traceId":"463ac35c9f6413ad48485a3953bb6124","id":"a2fb4a1d1a96d312","kind":"SIDEWAYS"}
            ]
            """;

        SpanParseResult result = ZipkinJsonParser.Parse(Encoding.UTF8.GetBytes(json));

        Assert.Equal(2, result.Spans.Count);
        Assert.Equal(
            [
                "span[1]: traceId must be 16 or 32 hex characters",
                "span[3]: timestamp must be a non-negative integer (microseconds)",
                "span[4]: id is missing",
                "span[5]: expected a span object, got Number",
                "span[6]: kind must be one of CLIENT, SERVER, PRODUCER, CONSUMER",
            ],
            result.Errors.Select(e => e.ToString()));
        Assert.Equal([1, 3, 4, 5, 6], result.Errors.Select(e => e.Index));
    }

    [Fact]
    public void Broken_json_keeps_spans_parsed_before_the_break()
    {
        SpanParseResult result = ZipkinJsonParser.Parse(Encoding.UTF8.GetBytes($"[{Good}, {{\"traceId\": "));

        Assert.Single(result.Spans);
        SpanParseError error = Assert.Single(result.Errors);
        Assert.Equal(1, error.Index);
        Assert.StartsWith("span[1]: malformed JSON", error.ToString());
    }

    [Fact]
    public void A_payload_that_is_not_an_array_is_a_payload_error()
    {
        SpanParseResult result = ZipkinJsonParser.Parse("""{"traceId":"x"}"""u8);

        Assert.Empty(result.Spans);
        Assert.Equal(-1, Assert.Single(result.Errors).Index);
    }

    [Fact]
    public void Ndjson_reports_bad_lines_and_keeps_the_rest()
    {
        string compact = Good.ReplaceLineEndings(" ");
        byte[] ndjson = Encoding.UTF8.GetBytes($"{compact}\n{{not json\n\n{compact}\n");
        var spans = new List<Span>();
        var errors = new List<SpanParseError>();

        int added = ZipkinJsonParser.ParseNdjson(ndjson, spans, errors);

        Assert.Equal(2, added);
        Assert.Equal(1, Assert.Single(errors).Index);
    }
}
