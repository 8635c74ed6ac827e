using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using StreamJobs.Host.Tests.Flows.Support;

namespace StreamJobs.Host.Tests.Ingest;

/// <summary>One host shared by the hostile-body tests, with an OTLP/gRPC listener: it must stay up and answer each one.</summary>
public sealed class HostileIngestHost : IAsyncLifetime
{
    internal InProcessHost Host { get; private set; } = null!;

    public int GrpcPort { get; } = StreamJobs.Host.Tests.Support.HostProcess.FreePort();

    public async Task InitializeAsync() => Host = await InProcessHost.StartAsync($"--StreamJobs:Listeners:OtlpGrpc=http://127.0.0.1:{GrpcPort}");

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

/// <summary>
/// Issue 12's hostile bodies against every ingest endpoint: each gets a 4xx with a message, small whatever it inflates
/// to, and the host keeps taking good requests afterwards.
/// </summary>
public sealed class HostileIngestEndpointTests(HostileIngestHost fixture) : IClassFixture<HostileIngestHost>
{
    private const string Json = "application/json";
    private const string Protobuf = "application/x-protobuf";
    private const int SmallAnswer = 64 * 1024;
    private const string Trace = "5b8efff798038103d269b633813fc60c";

    public static TheoryData<string, string, string, int, string> Cases => new()
    {
        // Amplification: a few KB of gzip that inflates to ~4 MB of empty records.
        { "/api/v1/flows", Json, "gzip:[{}]*1300000", 413, "more than 100000 flows" },
        { "/api/v1/ownership", Json, "gzip:[{}]*1300000", 413, "more than 100000 ownership events" },
        { "/api/v2/spans", Json, "gzip:[1]*1300000", 413, "more than 100000 spans" },
        { "/v1/traces", Json, "gzip:otlp{}*1300000", 413, "more than 100000 spans" },
        { "/api/v1/flows", Json, "gzip:[{}]*90000", 400, "required fields are missing" },
        { "/api/v1/ownership", Json, "gzip:[{}]*90000", 400, "expected an IPv4 or IPv6 address string" },
        { "/api/v2/spans", Json, "gzip:[{}]*90000", 400, "no span could be read" },
        // Invalid UTF-8 inside a JSON string.
        { "/api/v2/spans", Json, "utf8:[{\"traceId\":\"463ac35c9f6413ad\",\"id\":\"a2fb4a1d1a96d312\",\"name\":\"\xff\"}]", 400, "not valid UTF-8" },
        { "/api/v1/flows", Json, "utf8:[{\"localIp\":\"\xff\"}]", 400, "not valid UTF-8" },
        { "/api/v1/ownership", Json, "utf8:[{\"ip\":\"10.0.0.1\",\"workload\":\"\xc3\x28\"}]", 400, "not valid UTF-8" },
        { "/v1/traces", Json, "utf8:{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":{\"stringValue\":\"\xed\xa0\x80\"}}]}}]}", 400, "not valid UTF-8" },
        // Lone escaped surrogates, anywhere.
        { "/api/v1/ownership", Json, "text:[{\"\\ud800\":1}]", 400, "lone surrogate" },
        { "/v1/traces", Json, "text:{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"name\":\"\\udc00\"}]}]}]}", 400, "lone surrogate" },
        // A wrongly typed resource attribute; malformed protobuf.
        { "/v1/traces", Json, "text:{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"host.arch\",\"value\":{\"boolValue\":\"yes\"}}]},\"scopeSpans\":[{\"spans\":[{\"traceId\":\"" + Trace + "\",\"spanId\":\"eee19b7ec3c1b174\"}]}]}]}", 400, "boolValue must be true or false" },
        { "/v1/traces", Protobuf, "hex:0affffffff07616263", 400, "not a valid ExportTraceServiceRequest" },
        // Nesting past MaxJsonDepth; numbers out of range.
        { "/api/v2/spans", Json, "deep:[", 400, "depth" },
        { "/api/v1/flows", Json, "deep:[", 400, "invalid JSON" },
        { "/api/v1/ownership", Json, "deep:[", 400, "depth" },
        { "/v1/traces", Json, "deep:{\"a\":", 400, "depth" },
        { "/api/v1/flows", Json, "text:[{\"localIp\":\"10.0.0.1\",\"localPort\":1e999,\"remoteIp\":\"10.0.0.2\",\"remotePort\":1,\"startMs\":-99999999999999999999999,\"endMs\":1}]", 400, "expected a whole number" },
        { "/api/v1/ownership", Json, "text:[{\"ip\":\"10.0.0.1\",\"workload\":\"w\",\"timestampMs\":1e999,\"change\":\"assigned\"}]", 400, "Unix milliseconds" },
        { "/v1/traces", Json, "text:{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"" + Trace + "\",\"spanId\":\"eee19b7ec3c1b174\",\"startTimeUnixNano\":\"-1\"}]}]}]}", 200, "startTimeUnixNano must be an unsigned integer" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_hostile_body_gets_a_small_4xx_with_a_message_and_the_host_stays_up(string path, string contentType, string body, int status, string message)
    {
        using var content = new ByteArrayContent(Body(body, out bool gzip));
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        if (gzip) content.Headers.ContentEncoding.Add("gzip");

        using var response = await fixture.Host.Http.PostAsync(path, content);
        var answer = await response.Content.ReadAsByteArrayAsync();
        var text = Encoding.UTF8.GetString(answer); // protobuf google.rpc.Status carries its message as UTF-8 too

        Assert.Equal(status, (int)response.StatusCode);
        Assert.True(answer.Length < SmallAnswer, $"a {answer.Length}-byte answer");
        Assert.Contains(message, text);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task Rejected_counts_records_and_only_the_first_errors_are_described()
    {
        using var content = new ByteArrayContent(Body("gzip:[{}]*90000", out _));
        content.Headers.ContentType = new MediaTypeHeaderValue(Json);
        content.Headers.ContentEncoding.Add("gzip");

        using var response = await fixture.Host.Http.PostAsync("/api/v1/flows", content);
        var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(90_000, answer.GetProperty("rejected").GetInt32());
        Assert.Equal(100, answer.GetProperty("errors").GetArrayLength());
        Assert.Equal(89_900, answer.GetProperty("errorsOmitted").GetInt32());
    }

    private async Task AssertStillServingAsync()
    {
        var flow = $"[{{\"localIp\":\"10.0.0.1\",\"localPort\":1,\"remoteIp\":\"10.0.0.2\",\"remotePort\":2,\"startMs\":{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 1000},\"endMs\":{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}}}]";
        using var good = await fixture.Host.Http.PostAsync("/api/v1/flows", new StringContent(flow, Encoding.UTF8, Json));
        Assert.Equal(HttpStatusCode.Accepted, good.StatusCode);
    }

    /// <summary>Builds a body from a compact description (kept short so the test names stay readable).</summary>
    private static byte[] Body(string spec, out bool gzip)
    {
        gzip = spec.StartsWith("gzip:", StringComparison.Ordinal);
        var (kind, rest) = (spec[..spec.IndexOf(':')], spec[(spec.IndexOf(':') + 1)..]);
        byte[] raw = kind switch
        {
            "utf8" => rest.Select(c => (byte)c).ToArray(), // chars \x80-\xff become those raw bytes: deliberately not UTF-8
            "text" => Encoding.UTF8.GetBytes(rest),
            "hex" => Convert.FromHexString(rest),
            "deep" => Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(rest, 10_000))),
            "gzip" => Repeated(rest),
            _ => throw new ArgumentException(spec),
        };
        if (!gzip) return raw;
        using var compressed = new MemoryStream();
        using (var zip = new GZipStream(compressed, CompressionLevel.SmallestSize)) zip.Write(raw);
        return compressed.ToArray();
    }

    private static byte[] Repeated(string spec)
    {
        var star = spec.LastIndexOf('*');
        var count = int.Parse(spec[(star + 1)..]);
        var item = spec[..star];
        (string head, string element, string tail) = item == "otlp{}"
            ? ("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[", "{}", "]}]}]}")
            : ("[", item[1..^1], "]");
        var builder = new StringBuilder(head, head.Length + count * (element.Length + 1) + tail.Length);
        for (var i = 0; i < count; i++) builder.Append(i == 0 ? "" : ",").Append(element);
        return Encoding.ASCII.GetBytes(builder.Append(tail).ToString());
    }
}
