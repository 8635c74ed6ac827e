using System.Net;
using Microsoft.AspNetCore.Http;
using StreamJobs.Host.Endpoints;
using StreamJobs.Host.Taps;
using StreamJobs.Host.Tests.Support;

namespace StreamJobs.Host.Tests.Endpoints;

/// <summary>The per-request decision, with local addresses no test may connect through (a routable interface).</summary>
public sealed class OperatorAccessTests
{
    private static readonly string[] LoopbackOnly = [];
    private static readonly string[] AllInterfaces = ["http://0.0.0.0:5080"];

    [Theory]
    [InlineData("/jobs")]
    [InlineData("/plugins")]
    [InlineData("/streams")]
    [InlineData("/taps")]
    [InlineData("/taps/query")]
    public void A_request_on_a_routable_interface_without_a_configured_token_is_refused(string path)
    {
        var refusal = Status(path, "10.1.2.3", AllInterfaces, token: null);
        Assert.Equal(StatusCodes.Status403Forbidden, refusal);
    }

    [Theory]
    [InlineData("/jobs", null, StatusCodes.Status401Unauthorized)]
    [InlineData("/taps/query", null, StatusCodes.Status401Unauthorized)]
    [InlineData("/jobs", "guess", StatusCodes.Status401Unauthorized)]
    [InlineData("/jobs", "s3cret", 0)]
    [InlineData("/taps/query", "s3cret", 0)]
    public void A_request_on_a_routable_interface_needs_the_configured_token(string path, string? sent, int expected) =>
        Assert.Equal(expected, Status(path, "10.1.2.3", AllInterfaces, token: "s3cret", sent));

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    [InlineData("/metrics")]
    [InlineData("/api/v2/spans")]
    public void Probes_metrics_and_ingest_stay_open_on_any_interface(string path) =>
        Assert.Equal(0, Status(path, "10.1.2.3", AllInterfaces, token: null));

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.2")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    public void Inventory_is_open_to_a_loopback_request_even_when_the_host_listens_beyond_loopback(string local) =>
        Assert.Equal(0, Status("/jobs", local, AllInterfaces, token: "s3cret"));

    [Theory]
    [InlineData("/api/v2/traces", "10.1.2.3", null, null, StatusCodes.Status403Forbidden)]
    [InlineData("/api/v2/trace/0000000000000001", "10.1.2.3", "s3cret", null, StatusCodes.Status401Unauthorized)]
    [InlineData("/api/v2/services", "10.1.2.3", "s3cret", "s3cret", 0)]
    [InlineData("/api/v2/traces", "127.0.0.1", null, null, 0)]
    [InlineData("/api/v2/traces", "127.0.0.1", "s3cret", null, 0)]
    public void Reading_stored_traces_is_guarded_like_the_inventory(string path, string local, string? token, string? sent, int expected) =>
        Assert.Equal(expected, Status(path, local, AllInterfaces, token, sent, method: "GET"));

    [Fact]
    public void Posting_spans_to_the_zipkin_path_stays_open() =>
        Assert.Equal(0, Status("/api/v2/spans", "10.1.2.3", AllInterfaces, token: null, method: "POST"));

    [Fact]
    public void Taps_need_the_token_from_loopback_too_once_one_is_configured() =>
        Assert.Equal(StatusCodes.Status401Unauthorized, Status("/taps", "127.0.0.1", LoopbackOnly, token: "s3cret"));

    [Fact]
    public void Taps_through_a_wildcard_bind_are_refused_to_a_loopback_client_when_no_token_is_configured()
    {
        Assert.Equal(StatusCodes.Status403Forbidden, Status("/taps/query", "127.0.0.1", AllInterfaces, token: null));
        Assert.Equal(0, Status("/taps/query", "127.0.0.1", LoopbackOnly, token: null));
    }

    [Fact]
    public void A_request_whose_local_address_is_unknown_is_not_taken_for_loopback() =>
        Assert.Equal(StatusCodes.Status403Forbidden, Status("/jobs", null, LoopbackOnly, token: null));

    [Theory]
    [InlineData("/jobs", null)]
    [InlineData("/api/v2/traces", null)]
    [InlineData("/taps/query", null)]
    [InlineData("/jobs", "s3cret")]
    public void A_loopback_request_that_names_another_host_is_refused_without_the_token(string path, string? token) =>
        Assert.Equal(StatusCodes.Status403Forbidden, Status(path, "127.0.0.1", LoopbackOnly, token, method: "GET", host: "rebound.example:5080"));

    [Theory]
    [InlineData("127.0.0.1:5080")]
    [InlineData("[::1]:5080")]
    [InlineData("localhost:5080")]
    [InlineData("ui.localhost")]
    public void A_loopback_request_that_names_this_machine_is_served(string host) =>
        Assert.Equal(0, Status("/api/v2/traces", "127.0.0.1", LoopbackOnly, token: null, method: "GET", host: host));

    [Fact]
    public void The_token_still_opens_a_request_that_names_another_host() =>
        Assert.Equal(0, Status("/taps/query", "127.0.0.1", LoopbackOnly, token: "s3cret", sent: "s3cret", host: "proxy.example"));

    [Theory]
    [InlineData("http://127.0.0.1:5080", true)]
    [InlineData("http://[::1]:5080", true)]
    [InlineData("http://[::ffff:127.0.0.1]:5080", true)]
    [InlineData("http://localhost:5080", true)]
    [InlineData("http://0.0.0.0:5080", false)]
    [InlineData("http://[::]:5080", false)]
    [InlineData("http://*:5080", false)]
    [InlineData("http://+:5080", false)]
    [InlineData("http://unix:/tmp/streamjobs.sock", false)]
    public void Bound_addresses_are_loopback_only_for_loopback_hosts(string url, bool loopback) =>
        Assert.Equal(loopback, LoopbackUrls.NonLoopback([url]).Count == 0);

    [Theory]
    [InlineData("/api/v2/spans", null)]
    [InlineData("/v1/traces", "secret")]
    [InlineData("/metrics", null)]
    [InlineData("/jobs", null)]
    [InlineData("/jobs", "secret")]
    public void Paths_that_need_no_bound_address_do_not_look_them_up(string path, string? token)
    {
        var context = new DefaultHttpContext();
        context.Request.Path = path;
        context.Connection.LocalIpAddress = IPAddress.Loopback;
        var looked = 0;

        OperatorAccess.Check(context, () => { looked++; return LoopbackOnly; }, token);

        Assert.Equal(0, looked);
    }

    [Fact]
    public async Task The_bound_addresses_kept_are_the_ones_the_started_server_reports()
    {
        // The singleton is built before the server listens (when it reports nothing, which counts as exposed).
        await using var host = await InProcessHost.StartAsync();

        Assert.Empty(host.Service<ListenAddresses>().NonLoopback);
    }

    private static int Status(string path, string? local, IReadOnlyList<string> exposed, string? token, string? sent = null, string method = "", string? host = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Path = path;
        context.Request.Method = method;
        if (host is not null) context.Request.Host = new HostString(host);
        context.Connection.LocalIpAddress = local is null ? null : IPAddress.Parse(local);
        if (sent is not null) context.Request.Headers.Authorization = "Bearer " + sent;
        var refusal = OperatorAccess.Check(context, () => exposed, token);
        return refusal is IStatusCodeHttpResult status ? status.StatusCode ?? -1 : refusal is null ? 0 : -1;
    }
}
