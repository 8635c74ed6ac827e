using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using StreamJobs.Host.Tests.Support;

namespace StreamJobs.Host.Tests.Listeners;

/// <summary>The host on the standard ports, as it binds them by default.</summary>
public sealed class StandardPortsHost : IAsyncLifetime
{
    internal InProcessHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await InProcessHost.StartAsync(
        "--StreamJobs:Listeners:Zipkin=http://localhost:9411",
        "--StreamJobs:Listeners:OtlpHttp=http://localhost:4318",
        "--StreamJobs:Listeners:OtlpGrpc=http://localhost:4317");

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

/// <summary>
/// OpenTelemetry's own exporters with nothing configured but the protocol reach the host on their default endpoints
/// (localhost:4317 gRPC, localhost:4318/v1/traces, localhost:9411/api/v2/spans), and the error traces they send are kept.
/// </summary>
[Collection(StandardPorts.Name)]
public sealed class DefaultClientTests(StandardPortsHost fixture) : IClassFixture<StandardPortsHost>
{
    [Theory]
    [InlineData("otlp-grpc")]
    [InlineData("otlp-http")]
    [InlineData("zipkin")]
    public async Task An_exporter_with_its_default_endpoint_delivers_an_error_trace_that_is_kept(string exporter)
    {
        var sourceName = "listener-test-" + exporter;
        using var source = new ActivitySource(sourceName);
        string traceId;
        var builder = Sdk.CreateTracerProviderBuilder()
            .AddSource(sourceName)
            .ConfigureResource(r => r.AddService("payments-" + exporter));
        builder = exporter switch
        {
            "otlp-grpc" => builder.AddOtlpExporter(o => { o.Protocol = OtlpExportProtocol.Grpc; o.ExportProcessorType = ExportProcessorType.Simple; }),
            "otlp-http" => builder.AddOtlpExporter(o => { o.Protocol = OtlpExportProtocol.HttpProtobuf; o.ExportProcessorType = ExportProcessorType.Simple; }),
#pragma warning disable CS0618 // Deprecated upstream in favour of OTLP, but it is the Zipkin client port 9411 serves.
            _ => builder.AddZipkinExporter(o => o.ExportProcessorType = ExportProcessorType.Simple),
#pragma warning restore CS0618
        };
        using (var provider = builder.Build())
        {
            using (var activity = source.StartActivity("charge"))
            {
                Assert.NotNull(activity);
                activity.SetStatus(ActivityStatusCode.Error, "card declined");
                traceId = activity.TraceId.ToHexString();
            }
            Assert.True(provider.ForceFlush(10_000));
        }

        var kept = await fixture.Host.Sampled.WaitForAsync(s => s.Trace.TraceId.ToString() == traceId);
        Assert.Equal("errors", kept.Policy);
        Assert.Equal("payments-" + exporter, Assert.Single(kept.Trace.Spans).ServiceName);
    }
}
