using System.Net;
using System.Net.Sockets;
using StreamJobs.Host.Tests.Support;

namespace StreamJobs.Host.Tests.Listeners;

/// <summary>Test hosts never need the standard ports (run beside the one test host that binds them, not at once).</summary>
[Collection(StandardPorts.Name)]
public sealed class StandardPortsTakenTests
{
    [Fact]
    public async Task A_test_host_starts_while_the_standard_ports_are_taken()
    {
        // Hosts of parallel tests move their operations port, so they claim no standard port and never collide on one.
        var taken = new List<TcpListener>();
        foreach (var port in new[] { 9411, 4318, 4317 })
        {
            var listener = new TcpListener(IPAddress.Loopback, port);
            try
            {
                listener.Start();
                taken.Add(listener);
            }
            catch (SocketException)
            {
                // Already taken by another test's host: just as good.
            }
        }
        try
        {
            await using var host = await InProcessHost.StartAsync();
            using var ready = await host.Http.GetAsync("/healthz");
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }
        finally
        {
            foreach (var listener in taken) listener.Stop();
        }
    }
}
