using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using StreamJobs.Host.Taps;

namespace StreamJobs.Host.Endpoints;

/// <summary>
/// The addresses the HTTP server really bound, read from the server itself. Whatever set them (StreamJobs:Http:Urls,
/// <c>Kestrel:Endpoints</c> in any configuration source, <c>--urls</c>, <c>ASPNETCORE_URLS</c>,
/// <c>ASPNETCORE_HTTP_PORTS</c>), Kestrel reports what it bound here once it listens.
/// </summary>
internal sealed class ListenAddresses(IServer server)
{
    /// <summary>Every bound address; empty before the server listens.</summary>
    public IReadOnlyList<string> All => server.Features.Get<IServerAddressesFeature>()?.Addresses.ToArray() ?? [];

    /// <summary>
    /// The bound addresses that reach beyond this machine. Unknown (nothing reported) counts as exposed, so a check
    /// made before the server listens fails closed.
    /// </summary>
    public IReadOnlyList<string> NonLoopback
    {
        get
        {
            var all = All;
            return all.Count == 0 ? ["(addresses not known yet)"] : LoopbackUrls.NonLoopback(all);
        }
    }
}
