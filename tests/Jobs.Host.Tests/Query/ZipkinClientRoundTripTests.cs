using System.Diagnostics;
using System.Net;
using System.Text.Json;
using OpenTelemetry;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using StreamJobs.Host.Tests.Support;

namespace StreamJobs.Host.Tests.Query;

/// <summary>
/// A real Zipkin client (OpenTelemetry's Zipkin exporter) sends spans to the host's <c>POST /api/v2/spans</c>; the kept
/// trace is read back through <c>GET /api/v2/trace/{id}</c> and compared span by span with what the client recorded.
/// </summary>
public sealed class ZipkinClientRoundTripTests : IAsyncLifetime
{
    private InProcessHost _host = null!;

    public async Task InitializeAsync() => _host = await InProcessHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_trace_sent_by_the_zipkin_exporter_reads_back_span_by_span()
    {
        using var source = new ActivitySource("StreamJobs.Tests.ZipkinClient");
        var recorded = new List<Activity>();
#pragma warning disable CS0618 // Deprecated upstream in favour of OTLP, but it is the Zipkin client this API must serve.
        using (var provider = Sdk.CreateTracerProviderBuilder()
            .AddSource(source.Name)
            .SetResourceBuilder(ResourceBuilder.CreateDefault().AddService("zipkin-shop"))
            .AddZipkinExporter(o =>
            {
                o.Endpoint = new Uri(_host.BaseAddress, "/api/v2/spans");
                o.ExportProcessorType = ExportProcessorType.Simple;
            })
#pragma warning restore CS0618
            .Build())
        {
            using (var root = source.StartActivity("GET /basket", ActivityKind.Server)!)
            {
                root.SetTag("http.method", "GET");
                using (var child = source.StartActivity("SELECT basket", ActivityKind.Client)!)
                {
                    child.SetTag("db.system", "postgresql");
                    child.SetStatus(ActivityStatusCode.Error, "deadlock");
                    recorded.Add(child);
                }

                recorded.Add(root);
            }

            Assert.True(provider.ForceFlush(10_000));
        }

        string traceId = recorded[0].TraceId.ToHexString();
        JsonElement trace = await WaitForTraceAsync(traceId, recorded.Count);

        var byId = trace.EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!);
        Assert.Equal(recorded.Count, byId.Count);
        foreach (Activity activity in recorded)
        {
            JsonElement span = byId[activity.SpanId.ToHexString()];
            Assert.Equal(traceId, span.GetProperty("traceId").GetString());
            Assert.Equal(activity.DisplayName, span.GetProperty("name").GetString());
            Assert.Equal(activity.Kind.ToString().ToUpperInvariant(), span.GetProperty("kind").GetString());
            Assert.Equal(Micros(activity.StartTimeUtc), span.GetProperty("timestamp").GetInt64());
            Assert.Equal(activity.Duration.Ticks / 10, span.GetProperty("duration").GetInt64());
            Assert.Equal("zipkin-shop", span.GetProperty("localEndpoint").GetProperty("serviceName").GetString());
            if (activity.ParentSpanId == default) Assert.False(span.TryGetProperty("parentId", out _));
            else Assert.Equal(activity.ParentSpanId.ToHexString(), span.GetProperty("parentId").GetString());
            foreach (var (key, value) in activity.Tags)
            {
                Assert.Equal(value, span.GetProperty("tags").GetProperty(key).GetString());
            }
        }

        // The exporter marks the failed span the Zipkin way; the root carries the policy that kept the trace.
        Assert.Equal("deadlock", byId[recorded[0].SpanId.ToHexString()].GetProperty("tags").GetProperty("error").GetString());
        Assert.Equal("errors", byId[recorded[1].SpanId.ToHexString()].GetProperty("tags").GetProperty("streamjobs.policy").GetString());
    }

    private async Task<JsonElement> WaitForTraceAsync(string traceId, int spans)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            using var response = await _host.Http.GetAsync($"/api/v2/trace/{traceId}");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var trace = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
                if (trace.GetArrayLength() == spans) return trace;
            }
            else
            {
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            }

            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(20), $"trace {traceId} was not stored with {spans} spans within 20 s");
            await Task.Delay(100);
        }
    }

    private static long Micros(DateTime utc) => (utc - DateTime.UnixEpoch).Ticks / 10;
}
