using System.Net;
using System.Net.Sockets;
using System.Text;
using StreamJobs.Host.Endpoints;
using StreamJobs.Host.Tests.Support;

namespace StreamJobs.Host.Tests.Listeners;

/// <summary>Dedicated listeners in a running host: bound where configured, serving only their ingest, off when off.</summary>
public sealed class ListenerHostTests
{
    [Fact]
    public async Task A_dedicated_port_serves_its_ingest_only_and_a_listener_set_off_is_not_bound()
    {
        int zipkin = HostProcess.FreePort(), otlpHttp = HostProcess.FreePort();
        await using var host = await InProcessHost.StartAsync(
            $"--StreamJobs:Listeners:Zipkin=http://127.0.0.1:{zipkin}", $"--StreamJobs:Listeners:OtlpHttp=http://127.0.0.1:{otlpHttp}", "--StreamJobs:Listeners:OtlpGrpc=off");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };

        using (var posted = await http.PostAsync($"http://127.0.0.1:{zipkin}/api/v2/spans", new StringContent("[]", Encoding.UTF8, "application/json")))
            Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        using (var otlp = await http.PostAsync($"http://127.0.0.1:{otlpHttp}/v1/traces", new StringContent("{}", Encoding.UTF8, "application/json")))
            Assert.Equal(HttpStatusCode.OK, otlp.StatusCode);
        foreach (var path in new[] { "/jobs", "/taps", "/api/v2/services", "/metrics", "/v1/traces" })
        {
            using var other = await http.GetAsync($"http://127.0.0.1:{zipkin}{path}");
            Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        }
        // The operations port still serves everything, ingest included.
        using (var ops = await host.Http.PostAsync("/api/v2/spans", new StringContent("[]", Encoding.UTF8, "application/json")))
            Assert.Equal(HttpStatusCode.Accepted, ops.StatusCode);

        var ports = host.Service<ListenAddresses>().All.Select(a => new Uri(a).Port).Order().ToArray();
        Assert.Equal(new[] { host.BaseAddress.Port, zipkin, otlpHttp }.Order(), ports);
    }

    [Fact]
    public async Task An_ingest_listener_open_to_the_network_needs_no_tap_token_and_taps_stay_loopback_only()
    {
        var zipkin = HostProcess.FreePort();
        await using var host = await InProcessHost.StartAsync($"--StreamJobs:Listeners:Zipkin=http://0.0.0.0:{zipkin}");

        Assert.Empty(host.Service<ListenAddresses>().NonLoopback);
        Assert.Null(host.Service<ExposureCheck>().Refusal);
        using var jobs = await host.Http.GetAsync("/jobs");
        Assert.Equal(HttpStatusCode.OK, jobs.StatusCode);
    }

    [Fact]
    public async Task A_wrong_listener_setting_stops_the_start_with_exit_code_2_and_a_clear_message()
    {
        var directory = Directory.CreateTempSubdirectory("streamjobs-listeners-").FullName;
        await using var host = HostProcess.Start(directory, "run", "--StreamJobs:Listeners:OtlpGrpc=grpc://127.0.0.1:4317");

        Assert.Equal(2, await host.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains(host.Errors, line => line.Contains("StreamJobs:Listeners:OtlpGrpc: 'grpc://127.0.0.1:4317' must start with http://", StringComparison.Ordinal));
    }
}
