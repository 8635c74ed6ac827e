using System.Net;

namespace StreamJobs.Host.Taps;

/// <summary>Tells whether the host's URLs expose it beyond this machine.</summary>
internal static class LoopbackUrls
{
    /// <summary>The URLs (as configured, <c>;</c>-separated) that bind something other than loopback.</summary>
    public static IReadOnlyList<string> NonLoopback(string urls) =>
        urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(url => !IsLoopback(url))
            .ToArray();

    private static bool IsLoopback(string url)
    {
        var host = HostOf(url);
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)) return true;
        return IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address);
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
