using System.Runtime.CompilerServices;
using StreamJobs.Telemetry.Spans;

namespace StreamJobs.Telemetry.Zipkin;

/// <summary>
/// Endpoints shared by all requests: a service sends the same few (service, address, port) on every span, and one
/// object each instead of one per span was a tenth of Zipkin ingest's allocation and of a buffered span's heap.
/// A fixed-size table indexed by a hash of the text's identity (the text comes from <see cref="Ingest.SharedText"/>'s
/// pool, so repeats are the same instances); a collision just replaces the slot, so hostile variety costs a new
/// endpoint per span, as before, never memory. Endpoints are immutable, so sharing them between threads is safe, and a
/// racing write only loses a slot.
/// </summary>
internal static class SharedEndpoints
{
    private const int Size = 4096; // a power of two

    private static readonly Endpoint?[] s_slots = new Endpoint?[Size];

    public static Endpoint Get(string? service, string? ipv4, string? ipv6, int port)
    {
        var hash = HashCode.Combine(Identity(service), Identity(ipv4), Identity(ipv6), port);
        ref var slot = ref s_slots[hash & (Size - 1)];
        var cached = Volatile.Read(ref slot);
        if (cached is not null && ReferenceEquals(cached.ServiceName, service) && ReferenceEquals(cached.Ipv4, ipv4)
            && ReferenceEquals(cached.Ipv6, ipv6) && cached.Port == port)
        {
            return cached;
        }

        var created = new Endpoint(service, ipv4, ipv6, port);
        Volatile.Write(ref slot, created);
        return created;
    }

    private static int Identity(string? text) => text is null ? 0 : RuntimeHelpers.GetHashCode(text);
}
