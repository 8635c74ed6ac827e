using System.Diagnostics;
using System.Net;
using System.Text;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using StreamJobs.Host.Tests.Support;

namespace StreamJobs.Host.Tests.Ingest;

public sealed class SpanIngestTests : IAsyncLifetime
{
    private InProcessHost _host = null!;

    public async Task InitializeAsync() => _host = await InProcessHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string ZipkinSpan(string traceId, string id, string service, string name, string? parent = null, string tags = "{}") =>
        $$"""{"traceId":"{{traceId}}","id":"{{id}}",{{(parent is null ? "" : $"\"parentId\":\"{parent}\",")}}"name":"{{name}}","timestamp":1700000000000000,"duration":1500,"localEndpoint":{"serviceName":"{{service}}"},"tags":{{tags}}}""";

    [Fact]
    public async Task Zipkin_spans_come_out_as_a_sampled_trace_with_the_policy_that_kept_it()
    {
        const string trace = "5af7183fb1d4cf5f0000000000000001";
        var body = "[" + ZipkinSpan(trace, "0000000000000001", "checkout", "POST /orders") + ","
            + ZipkinSpan(trace, "0000000000000002", "payments", "charge", parent: "0000000000000001") + "]";
        using var response = await _host.Http.PostAsync("/api/v2/spans", Json(body));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var sampled = await _host.Sampled.WaitForAsync(s => s.Trace.TraceId.ToString() == trace);
        Assert.Equal("checkout", sampled.Policy);
        Assert.Equal(2, sampled.Trace.Spans.Count);
        Assert.Equal(["checkout", "payments"], sampled.Trace.Services);
    }

    [Fact]
    public async Task A_zipkin_batch_with_a_bad_span_keeps_the_good_one_and_says_how_many_were_rejected()
    {
        const string trace = "5af7183fb1d4cf5f0000000000000002";
        var body = "[" + ZipkinSpan(trace, "0000000000000001", "api", "GET /", tags: """{"error":"boom"}""") + ","
            + ZipkinSpan("not-hex", "0000000000000002", "api", "GET /") + "]";
        using var response = await _host.Http.PostAsync("/api/v2/spans", Json(body));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("1", response.Headers.GetValues("X-Rejected-Spans").Single());
        var sampled = await _host.Sampled.WaitForAsync(s => s.Trace.TraceId.ToString() == trace);
        Assert.Equal("errors", sampled.Policy);
    }

    [Theory]
    [InlineData("/api/v2/spans", "application/json", "{\"not\":\"an array\"")]
    [InlineData("/v1/traces", "application/x-protobuf", "\u00ff\u00ff\u00ff\u00ff")]
    [InlineData("/v1/traces", "application/json", "[1,2")]
    public async Task A_malformed_body_is_answered_400_with_what_is_wrong(string path, string contentType, string body)
    {
        using var content = new StringContent(body, Encoding.Latin1, contentType);
        using var response = await _host.Http.PostAsync(path, content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(path.StartsWith("/api") ? "no span could be read" : "the request could not be read", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_body_over_the_limit_is_answered_413()
    {
        var huge = "[" + string.Join(",", Enumerable.Repeat(ZipkinSpan("5af7183fb1d4cf5f0000000000000003", "0000000000000001", "a", "b"), 40_000)) + "]";
        using var response = await _host.Http.PostAsync("/api/v2/spans", Json(huge));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task The_OpenTelemetry_SDK_exports_over_OTLP_protobuf_and_an_error_activity_is_kept()
    {
        using var source = new ActivitySource("StreamJobs.Tests.Shop");
        string traceId;
        using (var provider = Sdk.CreateTracerProviderBuilder()
            .AddSource(source.Name)
            .SetResourceBuilder(ResourceBuilder.CreateDefault().AddService("shop"))
            .AddOtlpExporter(o =>
            {
                o.Protocol = OtlpExportProtocol.HttpProtobuf;
                o.Endpoint = new Uri(_host.BaseAddress, "/v1/traces");
                o.ExportProcessorType = ExportProcessorType.Simple;
            })
            .Build())
        {
            using (var parent = source.StartActivity("GET /cart", ActivityKind.Server)!)
            {
                traceId = parent.TraceId.ToHexString();
                using (var child = source.StartActivity("SELECT cart", ActivityKind.Client)!)
                {
                    child.SetStatus(ActivityStatusCode.Error, "timeout");
                }
            }
            Assert.True(provider.ForceFlush(10_000));
        }

        var sampled = await _host.Sampled.WaitForAsync(s => s.Trace.TraceId.ToString() == traceId);
        Assert.Equal("errors", sampled.Policy);
        Assert.Equal(2, sampled.Trace.Spans.Count);
        Assert.Equal("shop", sampled.Trace.RootService);
        Assert.Equal("GET /cart", sampled.Trace.Root.Name);
    }
}
