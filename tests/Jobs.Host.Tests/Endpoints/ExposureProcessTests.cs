using System.Net;
using System.Net.Http.Headers;
using StreamJobs.Host.Tests.Support;

namespace StreamJobs.Host.Tests.Endpoints;

/// <summary>
/// The worker bound to all interfaces through each configuration path. All traffic stays on loopback: the client
/// connects to 127.0.0.1 through the 0.0.0.0 bind, where the bound-address rule applies.
/// </summary>
public sealed class ExposureProcessTests
{
    private static readonly TimeSpan Start = TimeSpan.FromSeconds(60);

    public static TheoryData<string> Paths => ["argument Kestrel:Endpoints", "environment Kestrel__Endpoints", "environment STREAMJOBS_Kestrel__Endpoints", "argument StreamJobs:Http:Urls"];

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Bound_beyond_loopback_without_a_token_the_host_refuses_to_run(string path)
    {
        var port = HostProcess.FreePort();
        await using var host = Launch(path, port, token: null);
        var exit = await host.WaitForExitAsync(Start);
        Assert.Equal(2, exit);
        Assert.Contains(host.Errors, line => line.Contains("StreamJobs:Taps:Token is required", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Bound_beyond_loopback_with_a_token_taps_need_it_and_probes_stay_open(string path)
    {
        var port = HostProcess.FreePort();
        await using var host = Launch(path, port, token: "s3cret");
        Assert.True(await host.WaitForHttpAsync("/readyz", Start), "host not ready:\n" + string.Join("\n", host.Errors));

        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Http.GetAsync("/taps")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Http.GetAsync("/taps/query?q=select%20*%20from%20spans&duration=1s")).StatusCode);
        using var authorized = new HttpRequestMessage(HttpMethod.Get, "/taps") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", "s3cret") } };
        Assert.Equal(HttpStatusCode.OK, (await host.Http.SendAsync(authorized)).StatusCode);
        // This request arrives on 127.0.0.1: inventory is open to the machine itself.
        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync("/jobs")).StatusCode);
    }

    private static HostProcess Launch(string path, int port, string? token)
    {
        var url = $"http://0.0.0.0:{port}";
        var environment = new Dictionary<string, string>();
        if (token is not null) environment["STREAMJOBS_StreamJobs__Taps__Token"] = token;
        string[] args = ["run", "--StreamJobs:Flows:UdpPort=0"];
        switch (path)
        {
            case "argument Kestrel:Endpoints":
                args = [.. args, "--Kestrel:Endpoints:Http:Url=" + url];
                break;
            case "environment Kestrel__Endpoints":
                environment["Kestrel__Endpoints__Http__Url"] = url;
                break;
            case "environment STREAMJOBS_Kestrel__Endpoints":
                environment["STREAMJOBS_Kestrel__Endpoints__Http__Url"] = url;
                break;
            default:
                args = [.. args, "--StreamJobs:Http:Urls=" + url];
                break;
        }
        return HostProcess.StartUnbound(Path.GetTempPath(), port, environment, args);
    }
}
