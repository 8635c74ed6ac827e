using System.Text;

namespace StreamJobs.Host.Tests.Hostile;

/// <summary>
/// The hostile-input corpus: every case a drill against the host found (issue "no request can crash, stall or bypass
/// the host") plus the classic shapes of abuse, one or more per endpoint. Each must be answered 4xx with a message.
/// </summary>
public static class HostileCorpus
{
    private const string Json = "application/json";
    private const string Protobuf = "application/x-protobuf";
    private const string Text = "text/plain";

    /// <summary>The case names, for xunit; bodies are built only when a case runs (some are large).</summary>
    public static IEnumerable<object[]> Names() => All().Select(c => new object[] { c.Name });

    public static HostileRequest Build(string name) => All().Single(c => c.Name == name).Build();

    private static IEnumerable<(string Name, Func<HostileRequest> Build)> All()
    {
        // MQL taps: stack depth, size, durations, parameters.
        yield return Post("tap POST 16,000 nested parentheses", "/taps/query", Text, () => Utf8("select * from spans where " + new string('(', 16_000) + "name == 'x'" + new string(')', 16_000)));
        yield return Post("tap POST 200,000 OR terms (4 MB)", "/taps/query", Text, () => Utf8("select * from spans where " + string.Join(" or ", Enumerable.Repeat("name == 'x'", 200_000))));
        yield return Post("tap POST 1 MB of spaces", "/taps/query", Text, () => Utf8(new string(' ', 1 << 20) + "select * from spans"));
        yield return Post("tap POST 2,000 nested NOTs", "/taps/query", Text, () => Utf8("select * from spans where " + string.Concat(Enumerable.Repeat("not ", 2_000)) + "name == 'x'"));
        yield return Get("tap GET a 100 KB query string", Tap("select * from spans where " + string.Join(" or ", Enumerable.Repeat("name == 'x'", 8_000))));
        yield return Get("tap GET duration=99999999999h", Tap("select * from spans") + "&duration=99999999999h");
        yield return Get("tap GET duration=TimeSpan.MaxValue", Tap("select * from spans") + "&duration=10675199.02:48:05.4775807");
        yield return Get("tap GET duration=-5s", Tap("select * from spans") + "&duration=-5s");
        yield return Get("tap GET syntax error", Tap("select * from spans where FROM"));
        yield return Get("tap GET unterminated regex", Tap("select * from spans where name ==~ /(a+"));
        yield return Get("tap GET unterminated string", Tap("select * from spans where name == 'x"));
        yield return Get("tap GET fanout=maybe", Tap("select * from spans") + "&fanout=maybe");
        yield return Get("tap GET CIDR prefix /33", Tap("select remoteIp from enriched-flows where remoteIp in '10.0.0.0/33'"));
        yield return Get("tap GET CIDR prefix of 20 digits", Tap("select * from flows where remoteIp in '10.0.0.0/99999999999999999999'"));
        yield return Get("tap GET CIDR with host bits set", Tap("select * from flows where localIp in '10.0.0.1/8'"));
        yield return Get("tap GET CIDR with a zone id", Tap("select * from flows where localIp in 'fe80::1%eth0/64'"));
        yield return Get("tap GET CIDR not quoted", Tap("select * from flows where localIp in 10.0.0.0"));
        yield return Post("tap POST a 1 MB CIDR literal", "/taps/query", Text, () => Utf8("select * from flows where remoteIp in '" + new string('1', 1 << 20) + "/8'"));

        // The web UI: its files come from the assembly, never the disk; a bad page or trace id gets a plain-text 404.
        yield return Get("ui path traversal to appsettings.json", "/ui/..%2F..%2Fappsettings.json");
        yield return Get("ui backslash dot-dots to the host's binary", "/ui/%2e%2e%5c%2e%2e%5cstreamjobs.dll");
        yield return Get("ui trace id with markup", "/ui/traces/%3Cscript%3Ealert(1)%3C%2Fscript%3E");
        yield return Get("ui trace id of 8,000 hex digits", "/ui/traces/" + new string('a', 8_000));

        // Zipkin v2 JSON.
        yield return Post("zipkin gzip of [1,1,…] (16 MB inflated)", "/api/v2/spans", Json, () => Repeated("[", "1,", 8_000_000, "1]"), gzip: true);
        yield return Post("zipkin gzip of [{},{},…]", "/api/v2/spans", Json, () => Repeated("[", "{},", 4_000_000, "{}]"), gzip: true);
        yield return Post("zipkin invalid UTF-8 in a string", "/api/v2/spans", Json, () => WithInvalidUtf8("""[{"traceId":"5af7183fb1d4cf5f0000000000000001","id":"0000000000000001","name":"X","timestamp":1700000000000000,"duration":10,"localEndpoint":{"serviceName":"svc"}}]"""));
        yield return Post("zipkin 100,000 nested arrays", "/api/v2/spans", Json, () => Utf8(new string('[', 100_000) + new string(']', 100_000)));
        yield return Post("zipkin numbers out of range", "/api/v2/spans", Json, () => Utf8("""[{"traceId":"5af7183fb1d4cf5f0000000000000001","id":"0000000000000001","timestamp":1e400,"duration":-99999999999999999999999,"localEndpoint":{"serviceName":"svc"}}]"""));
        yield return Post("zipkin truncated gzip", "/api/v2/spans", Json, () => HostileRequest.Compress(Utf8("[{}]"))[..12], alreadyGzipped: true);
        yield return Post("zipkin gzip bomb of 1 GiB zeros", "/api/v2/spans", Json, () => GzipOfZeros(1 << 30), alreadyGzipped: true);
        yield return Post("zipkin wrong content type", "/api/v2/spans", "image/png", () => Utf8("[]"));

        // OTLP JSON and protobuf.
        yield return Post("otlp-json 1.4M empty spans (gzip)", "/v1/traces", Json, () => Repeated("""{"resourceSpans":[{"scopeSpans":[{"spans":[""", "{},", 1_400_000, "{}]}]}]}"), gzip: true);
        yield return Post("otlp-json invalid UTF-8 in service.name", "/v1/traces", Json, () => WithInvalidUtf8(OtlpJson("\"X\"")));
        yield return Post("otlp-json resource attribute of the wrong type", "/v1/traces", Json, () => Utf8(OtlpJson("[1,2,3]")));
        yield return Post("otlp-json resource attributes not an array", "/v1/traces", Json, () => Utf8("""{"resourceSpans":[{"resource":{"attributes":{"key":"service.name"}},"scopeSpans":[]}]}"""));
        yield return Post("otlp-json 100,000 nested objects", "/v1/traces", Json, () => Utf8(string.Concat(Enumerable.Repeat("{\"a\":", 100_000)) + "1" + new string('}', 100_000)));
        yield return Post("otlp protobuf 0a ff ff ff ff 07 61 62 63", "/v1/traces", Protobuf, () => [0x0a, 0xff, 0xff, 0xff, 0xff, 0x07, 0x61, 0x62, 0x63]);
        yield return Post("otlp protobuf length past the end", "/v1/traces", Protobuf, () => [0x0a, 0x80, 0x80, 0x80, 0x80, 0x01, 0x12]);
        yield return Post("otlp protobuf 200,000 group starts", "/v1/traces", Protobuf, () => Enumerable.Repeat((byte)0x0b, 200_000).ToArray());
        yield return Post("otlp protobuf random bytes", "/v1/traces", Protobuf, () => Random(4096, seed: 7));

        // Zipkin v2 query API: every parameter out of format or bounds.
        yield return Get("query GET limit=abc", "/api/v2/traces?limit=abc");
        yield return Get("query GET limit=100000", "/api/v2/traces?limit=100000");
        yield return Get("query GET limit=0", "/api/v2/traces?limit=0");
        yield return Get("query GET lookback of 10,000 years", "/api/v2/traces?lookback=315360000000000");
        yield return Get("query GET endTs=-1", "/api/v2/traces?endTs=-1");
        yield return Get("query GET endTs past year 9999", "/api/v2/traces?endTs=99999999999999999999");
        yield return Get("query GET maxDuration without minDuration", "/api/v2/traces?maxDuration=100");
        yield return Get("query GET maxDuration below minDuration", "/api/v2/traces?minDuration=100&maxDuration=10");
        yield return Get("query GET minDuration=1e9", "/api/v2/traces?minDuration=1e9");
        yield return Get("query GET serviceName of 10,000 characters", "/api/v2/traces?serviceName=" + new string('s', 10_000));
        yield return Get("query GET serviceName given twice", "/api/v2/traces?serviceName=a&serviceName=b");
        yield return Get("query GET annotationQuery of 100 terms", "/api/v2/traces?annotationQuery=" + Uri.EscapeDataString(string.Join(" and ", Enumerable.Range(0, 100).Select(i => $"k{i}=v"))));
        yield return Get("query GET trace id not hex", "/api/v2/trace/zzzzzzzzzzzzzzzz");
        yield return Get("query GET trace id of 1,000 characters", "/api/v2/trace/" + new string('a', 1_000));
        yield return Get("query GET trace id of zeros", "/api/v2/trace/00000000000000000000000000000000");
        yield return Get("query GET traceMany of 101 ids", "/api/v2/traceMany?traceIds=" + string.Join(",", Enumerable.Range(1, 101).Select(i => i.ToString("x16"))));
        yield return Get("query GET traceMany without ids", "/api/v2/traceMany?traceIds=,,,");
        yield return Get("query GET traceMany with one bad id", "/api/v2/traceMany?traceIds=0000000000000001,nothex");
        yield return Get("query GET spans without serviceName", "/api/v2/spans");
        yield return Get("query GET remoteServices without serviceName", "/api/v2/remoteServices?serviceName=");
        yield return Get("query GET dependencies without endTs", "/api/v2/dependencies");
        yield return Get("query GET dependencies lookback=-5", "/api/v2/dependencies?endTs=1700000000000&lookback=-5");

        // Flows and ownership (JSON).
        yield return Post("flows gzip of [{},{},…]", "/api/v1/flows", Json, () => Repeated("[", "{},", 4_000_000, "{}]"), gzip: true);
        yield return Post("ownership gzip of [{},{},…]", "/api/v1/ownership", Json, () => Repeated("[", "{},", 4_000_000, "{}]"), gzip: true);
        yield return Post("flows invalid UTF-8 in a string", "/api/v1/flows", Json, () => WithInvalidUtf8("""[{"localIp":"10.0.0.1","remoteIp":"10.0.0.2","localPort":1,"remotePort":2,"startMs":1,"endMs":2,"localWorkload":"X"}]"""));
        yield return Post("ownership invalid UTF-8 in a string", "/api/v1/ownership", Json, () => WithInvalidUtf8("""[{"ip":"10.0.0.1","workload":"X","timestampMs":1,"change":"assigned"}]"""));
        yield return Post("flows 100,000 nested arrays", "/api/v1/flows", Json, () => Utf8(new string('[', 100_000) + new string(']', 100_000)));
        yield return Post("ownership not an array", "/api/v1/ownership", Json, () => Utf8("""{"ip":"10.0.0.1"}"""));
        yield return Post("flows ports and times out of range", "/api/v1/flows", Json, () => Utf8("""[{"localIp":"10.0.0.1","remoteIp":"::1","localPort":70000,"remotePort":-1,"startMs":1e300,"endMs":-1,"protocol":999}]"""));
        yield return Post("flows gzip bomb of 1 GiB zeros", "/api/v1/flows", Json, () => GzipOfZeros(1 << 30), alreadyGzipped: true);
        yield return Post("ownership wrong content type", "/api/v1/ownership", "text/html", () => Utf8("[]"));
    }

    private static (string, Func<HostileRequest>) Post(string name, string path, string contentType, Func<byte[]> body, bool gzip = false, bool alreadyGzipped = false) =>
        (name, () => HostileRequest.Post(name, path, contentType, body(), gzip) with { Gzip = gzip || alreadyGzipped });

    private static (string, Func<HostileRequest>) Get(string name, string pathAndQuery) => (name, () => HostileRequest.Get(name, pathAndQuery));

    private static string Tap(string mql) => "/taps/query?q=" + Uri.EscapeDataString(mql);

    private static string OtlpJson(string serviceName) =>
        """{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":""" + serviceName + """}}]},"scopeSpans":[{"spans":[{"traceId":"5af7183fb1d4cf5f0000000000000001","spanId":"0000000000000001","name":"op","startTimeUnixNano":"1700000000000000000","endTimeUnixNano":"1700000000001000000"}]}]}]}""";

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>The JSON with its first capital X replaced by bytes that are not UTF-8 (a lone continuation byte and an overlong form).</summary>
    private static byte[] WithInvalidUtf8(string json)
    {
        var bytes = Utf8(json).ToList();
        int at = bytes.IndexOf((byte)'X');
        bytes.RemoveAt(at);
        bytes.InsertRange(at, [0x80, 0xc0, 0xaf, 0xff]);
        return bytes.ToArray();
    }

    private static byte[] Repeated(string head, string item, int count, string tail)
    {
        var builder = new StringBuilder(head.Length + item.Length * count + tail.Length);
        builder.Append(head);
        for (int i = 0; i < count; i++) builder.Append(item);
        return Utf8(builder.Append(tail).ToString());
    }

    /// <summary>A gzip stream of <paramref name="length"/> zero bytes, written in chunks (the bomb is never held inflated).</summary>
    private static byte[] GzipOfZeros(long length)
    {
        var chunk = new byte[1 << 20];
        using var output = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.Optimal))
            for (long left = length; left > 0; left -= chunk.Length) gzip.Write(chunk, 0, (int)Math.Min(chunk.Length, left));
        return output.ToArray();
    }

    private static byte[] Random(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
