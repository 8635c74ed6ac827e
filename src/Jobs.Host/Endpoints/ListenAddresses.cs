using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using StreamJobs.Host.Listeners;
using StreamJobs.Host.Taps;

namespace StreamJobs.Host.Endpoints;

/// <summary>
/// The addresses the HTTP server really bound, read from the server itself. Whatever set them (StreamJobs:Http:Urls,
/// <c>Kestrel:Endpoints</c> in any configuration source, <c>--urls</c>, <c>ASPNETCORE_URLS</c>,
/// <c>ASPNETCORE_HTTP_PORTS</c>), Kestrel reports what it bound here once it listens. They do not change after that,
/// so the non-loopback ones are worked out once the application has started and kept.
/// </summary>
internal sealed class ListenAddresses
{
    private readonly IServer _server;
    private readonly ListenerPlan _plan;
    private volatile IReadOnlyList<string>? _nonLoopback;

    public ListenAddresses(IServer server, IHostApplicationLifetime lifetime, ListenerPlan plan)
    {
        _server = server;
        _plan = plan;
        lifetime.ApplicationStarted.Register(() => _nonLoopback = Compute());
    }

    /// <summary>Every bound address; empty before the server listens.</summary>
    public IReadOnlyList<string> All => _server.Features.Get<IServerAddressesFeature>()?.Addresses.ToArray() ?? [];

    /// <summary>
    /// The bound addresses that reach beyond this machine and serve more than ingest: a dedicated listener's port
    /// serves only its ingest path (<see cref="DedicatedPorts"/>), so it exposes nothing taps guard. Unknown (nothing
    /// reported) counts as exposed, so a check made before the server listens fails closed.
    /// </summary>
    public IReadOnlyList<string> NonLoopback => _nonLoopback ?? Compute();

    private IReadOnlyList<string> Compute()
    {
        var all = All;
        if (all.Count == 0) return ["(addresses not known yet)"];
        return LoopbackUrls.NonLoopback(all.Where(a => !(Uri.TryCreate(a, UriKind.Absolute, out var uri) && _plan.DedicatedTo(uri.Port) is not null)));
    }
}
