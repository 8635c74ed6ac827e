using System.Net;

namespace StreamJobs.Host.Taps;

/// <summary>Tells whether URLs or addresses expose the host beyond this machine.</summary>
internal static class LoopbackUrls
{
    /// <summary>The URLs (<c>;</c>-separated, as configured or as bound) that are not loopback.</summary>
    public static IReadOnlyList<string> NonLoopback(string urls) => NonLoopback(urls.Split(';'));

    /// <summary>The URLs that are not loopback: wildcards (<c>0.0.0.0</c>, <c>[::]</c>, <c>*</c>, <c>+</c>), routable addresses, names, Unix sockets.</summary>
    public static IReadOnlyList<string> NonLoopback(IEnumerable<string> urls) =>
        urls.Select(url => url.Trim()).Where(url => url.Length > 0 && !IsLoopback(url)).ToArray();

    /// <summary>
    /// True for 127.0.0.0/8 and ::1, also when written IPv4-mapped (<c>::ffff:127.0.0.1</c>, which is how a
    /// dual-mode socket bound to <c>[::]</c> reports a connection to 127.0.0.1); false for null.
    /// </summary>
    public static bool IsLoopback(IPAddress? address) =>
        address is not null && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);

    /// <summary>
    /// True when a request's Host names this machine: a loopback address, <c>localhost</c> or a <c>*.localhost</c> name
    /// (browsers resolve those to loopback themselves), or no Host at all (HTTP/1.0, which browsers never send).
    /// </summary>
    public static bool IsLoopbackName(string? host) =>
        string.IsNullOrEmpty(host)
        || string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IsLoopback(address));

    private static bool IsLoopback(string url)
    {
        var host = HostOf(url);
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)) return true;
        return IPAddress.TryParse(host.Trim('[', ']'), out var address) && IsLoopback(address);
    }

    private static string HostOf(string url)
    {
        var start = url.IndexOf("://", StringComparison.Ordinal);
        var rest = start < 0 ? url : url[(start + 3)..];
        var slash = rest.IndexOf('/');
        if (slash >= 0) rest = rest[..slash];
        if (rest.StartsWith('['))
        {
            var close = rest.IndexOf(']');
            return close < 0 ? rest : rest[..(close + 1)];
        }
        var colon = rest.LastIndexOf(':');
        return colon < 0 ? rest : rest[..colon];
    }
}
