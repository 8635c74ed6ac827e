using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace StreamJobs.Host.Taps;

/// <summary>Finds the replicas a fan-out query goes to: the static list, else the A records of the DNS name.</summary>
internal sealed class ReplicaResolver(IOptions<TapOptions> options)
{
    public bool IsConfigured => options.Value.Replicas.Count > 0 || !string.IsNullOrEmpty(options.Value.ReplicaDns);

    public async Task<IReadOnlyList<string>> ResolveAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (o.Replicas.Count > 0) return o.Replicas.Select(r => r.TrimEnd('/')).ToArray();
        if (string.IsNullOrEmpty(o.ReplicaDns)) return [];
        var addresses = await Dns.GetHostAddressesAsync(o.ReplicaDns, AddressFamily.InterNetwork, cancellationToken).ConfigureAwait(false);
        return addresses.Select(a => $"http://{a}:{o.ReplicaPort}").Distinct().Order(StringComparer.Ordinal).ToArray();
    }
}
