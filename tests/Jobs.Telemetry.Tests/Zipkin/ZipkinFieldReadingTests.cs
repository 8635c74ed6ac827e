using System.Text;
using System.Text.RegularExpressions;
using StreamJobs.Telemetry.Ingest;
using StreamJobs.Telemetry.Spans;
using StreamJobs.Telemetry.Zipkin;
using Xunit;

namespace StreamJobs.Telemetry.Tests.Zipkin;

/// <summary>Property names found by length and first byte, and endpoints recognised by their bytes when they repeat.</summary>
public class ZipkinFieldReadingTests
{
    private const string Ids = "\"traceId\":\"463ac35c9f6413ad48485a3953bb6124\",\"id\":\"a2fb4a1d1a96d312\"";

    private static IReadOnlyList<Span> Spans(string json)
    {
        SpanParseResult result = ZipkinJsonParser.Parse(Encoding.UTF8.GetBytes(json));
        Assert.Empty(result.Errors);
        return result.Spans;
    }

    private static string Describe(Span s) =>
        $"{s.TraceId} {s.Id} {s.ParentId} {s.Name} {s.Kind} {s.StartTimeUnixNanos} {s.DurationNanos} {s.ServiceName} "
        + $"{s.LocalEndpoint} {s.RemoteEndpoint} {string.Join(",", s.Events.Select(e => $"{e.TimeUnixNanos}:{e.Name}"))} "
        + $"{string.Join(",", s.Attributes.Select(a => $"{a.Key}={a.Value}"))} {s.Debug} {s.Shared} {s.Sampled}";

    /// <summary>The JSON with each <c>@</c> replaced by a valid trace id and span id.</summary>
    private static string WithIds(string json) => json.Replace("@", Ids, StringComparison.Ordinal);

    private static string EscapeEveryByte(string name) => string.Concat(name.Select(c => $"\\u{(int)c:x4}"));

    [Fact]
    public void Every_known_property_name_fully_escaped_reads_as_the_plain_name()
    {
        // Every property name of the span, its endpoints and its annotation, each byte as \u00XX.
        string escaped = Regex.Replace(ZipkinJsonParserTests.Good, "\"([A-Za-z]+)\":", m => $"\"{EscapeEveryByte(m.Groups[1].Value)}\":");
        Assert.Contains(EscapeEveryByte("remoteEndpoint"), escaped);

        Assert.Equal(Describe(Assert.Single(Spans($"[{ZipkinJsonParserTests.Good}]"))), Describe(Assert.Single(Spans($"[{escaped}]"))));
    }

    [Theory]
    [InlineData("trace\\u0049d")]
    [InlineData("\\u0069d")]
    [InlineData("i\\u0064")]
    public void A_partly_escaped_id_name_is_that_field(string name)
    {
        string json = WithIds("""[{@,"NAME":"zz"}]""").Replace("NAME", name, StringComparison.Ordinal);

        SpanParseResult result = ZipkinJsonParser.Parse(Encoding.UTF8.GetBytes(json));

        Assert.Empty(result.Spans);
        Assert.Contains("must be 16", Assert.Single(result.Errors).Message);
    }

    [Theory]
    [InlineData("nama")]
    [InlineData("Name")]
    [InlineData("kinds")]
    [InlineData("ids")]
    [InlineData("i")]
    [InlineData("tag")]
    [InlineData("debog")]
    [InlineData("timestamP")]
    [InlineData("durations")]
    [InlineData("serviceName")]
    [InlineData("value")]
    [InlineData("port")]
    [InlineData("localEndpoinT")]
    [InlineData("remoteEndpoint_")]
    public void A_name_close_to_a_known_one_or_known_elsewhere_is_ignored(string name)
    {
        Span span = Assert.Single(Spans(WithIds("""[{@,"NAME":{"x":[1]},"NAME":"bad value for any field"}]""").Replace("NAME", name, StringComparison.Ordinal)));

        Assert.Equal(string.Empty, span.Name);
        Assert.Equal(SpanKind.Unspecified, span.Kind);
        Assert.Null(span.LocalEndpoint);
        Assert.Empty(span.Attributes);
    }

    [Theory]
    [InlineData("ipv5")]
    [InlineData("ipv")]
    [InlineData("Port")]
    [InlineData("servicename")]
    [InlineData("name")]
    [InlineData("i\\u0070v7")]
    public void An_endpoint_name_close_to_a_known_one_is_ignored(string name)
    {
        Span span = Assert.Single(Spans(WithIds("""[{@,"localEndpoint":{"NAME":"x","ipv6":"::1"}}]""").Replace("NAME", name, StringComparison.Ordinal)));

        Assert.Equal(new Endpoint(null, null, "::1"), span.LocalEndpoint);
    }

    [Fact]
    public void An_escaped_endpoint_and_annotation_name_is_its_field()
    {
        Span span = Assert.Single(Spans(WithIds("""
            [{@,"localEndpoint":{"ipv\u0034":"10.0.0.1","\u0070ort":9},"annotations":[{"timestamp":5,"v\u0061lue":"a"}]}]
            """)));

        Assert.Equal(new Endpoint(null, "10.0.0.1", null, 9), span.LocalEndpoint);
        Assert.Equal("a", Assert.Single(span.Events).Name);
    }

    [Fact]
    public void A_repeated_endpoint_is_the_same_endpoint_and_one_byte_apart_is_another()
    {
        IReadOnlyList<Span> spans = Spans(WithIds("""
            [{@,"localEndpoint":{"serviceName":"a","ipv4":"10.0.0.1"},"remoteEndpoint":{"serviceName":"a","ipv4":"10.0.0.1"}},
             {@,"localEndpoint":{"serviceName":"a","ipv4":"10.0.0.1"},"remoteEndpoint":{"serviceName":"a","ipv4":"10.0.0.2"}},
             {@,"localEndpoint":{"serviceName":"a","ipv4":"10.0.0.2"},"remoteEndpoint":{"serviceName":"a","ipv4":"10.0.0.1"}},
             {@,"localEndpoint":{"serviceName":"a","ipv4":"10.0.0.2"},"remoteEndpoint":{"serviceName":"b","ipv4":"10.0.0.1"}}]
            """));

        Assert.Equal(
            ["10.0.0.1", "10.0.0.1", "10.0.0.2", "10.0.0.2"],
            spans.Select(s => s.LocalEndpoint!.Ipv4));
        Assert.Equal(
            ["a/10.0.0.1", "a/10.0.0.2", "a/10.0.0.1", "b/10.0.0.1"],
            spans.Select(s => $"{s.RemoteEndpoint!.ServiceName}/{s.RemoteEndpoint.Ipv4}"));
        Assert.Same(spans[0].LocalEndpoint, spans[1].LocalEndpoint);
        Assert.All(spans, s => Assert.Equal("a", s.ServiceName));
    }

    [Fact]
    public void A_repeated_endpoint_with_another_port_has_that_port()
    {
        IReadOnlyList<Span> spans = Spans(WithIds("""
            [{@,"localEndpoint":{"serviceName":"a","port":80}},
             {@,"localEndpoint":{"serviceName":"a","port":8080}},
             {@,"localEndpoint":{"serviceName":"a","port":8080}},
             {@,"localEndpoint":{"serviceName":"a","port":80}},
             {@,"localEndpoint":{"serviceName":"a","port":8}},
             {@,"localEndpoint":{"serviceName":"a","port":80 }},
             {@,"localEndpoint":{"serviceName":"a"}}]
            """));

        Assert.Equal([80, 8080, 8080, 80, 8, 80, 0], spans.Select(s => s.LocalEndpoint!.Port));
    }

    [Fact]
    public void A_repeated_endpoint_with_duplicate_or_escaped_fields_reads_as_the_first_did()
    {
        IReadOnlyList<Span> spans = Spans(WithIds("""
            [{@,"localEndpoint":{"serviceName":"a","serviceName":"b","x":{"y":[1,{}]}}},
             {@,"localEndpoint":{"serviceName":"a","serviceName":"b","x":{"y":[1,{}]}}},
             {@,"localEndpoint":{"serviceName":"\u0062"}},
             {@,"localEndpoint":{"serviceName":"\u0062"}},
             {@,"localEndpoint":null},
             {@,"localEndpoint":{"serviceName":"\u0062"}}]
            """));

        Assert.Equal(["b", "b", "b", "b", null, "b"], spans.Select(s => s.LocalEndpoint?.ServiceName));
    }

    [Fact]
    public void A_rejected_endpoint_is_rejected_again_when_it_repeats()
    {
        string bad = """{"serviceName":"a","port":70000}""";
        SpanParseResult result = ZipkinJsonParser.Parse(Encoding.UTF8.GetBytes(WithIds("""
            [{@,"localEndpoint":{"serviceName":"a"}},
             {@,"localEndpoint":BAD},
             {@,"localEndpoint":BAD},
             {@,"localEndpoint":{"serviceName":"a"}}]
            """).Replace("BAD", bad, StringComparison.Ordinal)));

        Assert.Equal(2, result.Spans.Count);
        Assert.Equal([1, 2], result.Errors.Select(e => e.Index));
        Assert.All(result.Errors, e => Assert.Contains("localEndpoint.port", e.Message));
    }

    [Fact]
    public void Long_endpoints_and_endpoints_repeated_on_ndjson_lines_read_the_same()
    {
        string service = new('s', 300);
        string line = WithIds("""{@,"localEndpoint":{"serviceName":"SERVICE","port":1},"remoteEndpoint":{"serviceName":"db"}}""").Replace("SERVICE", service, StringComparison.Ordinal);
        string other = WithIds("""{@,"localEndpoint":{"serviceName":"SERVICE","port":2},"remoteEndpoint":{"serviceName":"dc"}}""").Replace("SERVICE", service, StringComparison.Ordinal);
        var spans = new List<Span>();
        var errors = new List<SpanParseError>();

        ZipkinJsonParser.ParseNdjson(Encoding.UTF8.GetBytes($"{line}\n{line}\n{other}\n{line}\n"), spans, errors);

        Assert.Empty(errors);
        Assert.Equal([1, 1, 2, 1], spans.Select(s => s.LocalEndpoint!.Port));
        Assert.Equal(["db", "db", "dc", "db"], spans.Select(s => s.RemoteEndpoint!.ServiceName));
        Assert.All(spans, s => Assert.Equal(service, s.ServiceName));
        Assert.Equal(Spans($"[{line},{line},{other},{line}]").Select(Describe), spans.Select(Describe));
    }
}
