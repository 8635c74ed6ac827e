namespace StreamJobs.Telemetry.Spans;

/// <summary>A network endpoint as in Zipkin v2's <c>localEndpoint</c>/<c>remoteEndpoint</c>.</summary>
/// <param name="ServiceName">Lowercase service name, if known.</param>
/// <param name="Ipv4">Dotted IPv4 address, if known.</param>
/// <param name="Ipv6">IPv6 address text, if known.</param>
/// <param name="Port">Port, or 0 when unknown.</param>
public sealed record Endpoint(string? ServiceName, string? Ipv4 = null, string? Ipv6 = null, int Port = 0)
{
    internal int EstimateBytes() => 48 + 2 * ((ServiceName?.Length ?? 0) + (Ipv4?.Length ?? 0) + (Ipv6?.Length ?? 0));
}
