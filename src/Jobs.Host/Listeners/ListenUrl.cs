using System.Globalization;
using System.Net;

namespace StreamJobs.Host.Listeners;

/// <summary>One address to listen on, read from a setting: <c>http://host:port</c> with nothing after the port.</summary>
internal sealed record ListenUrl(string Scheme, string Host, int Port)
{
    public bool IsHttps => Scheme == "https";

    /// <summary>The URL as configured, normalized (for messages and logs).</summary>
    public override string ToString() => $"{Scheme}://{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// Reads <paramref name="text"/> as Kestrel reads a URL (<see cref="BindingAddress"/>), stricter: an explicit port,
    /// no path, no Unix or named pipe. <paramref name="error"/> says what is wrong, for the setting's message.
    /// </summary>
    public static ListenUrl? Parse(string text, bool allowHttps, out string? error)
    {
        error = null;
        BindingAddress address;
        try
        {
            address = BindingAddress.Parse(text.Trim());
        }
        catch (FormatException e)
        {
            error = $"'{text}' is not a URL ({e.Message})";
            return null;
        }
        var scheme = address.Scheme.ToLowerInvariant();
        if (address.IsUnixPipe || address.IsNamedPipe) error = $"'{text}' is a pipe; give http://host:port";
        else if (scheme != "http" && !(allowHttps && scheme == "https")) error = $"'{text}' must start with http://{(allowHttps ? " or https://" : "")}";
        else if (address.PathBase.Length > 0) error = $"'{text}' has a path; give only http://host:port";
        else if (!HasExplicitPort(text.Trim())) error = $"'{text}' names no port; give http://host:port";
        else if (address.Port is < 0 or > 65535) error = $"'{text}' has no valid port";
        return error is null ? new ListenUrl(scheme, address.Host, address.Port) : null;
    }

    /// <summary>Where Kestrel binds this URL: both loopbacks for localhost, the address for an IP, every interface otherwise (as UseUrls does).</summary>
    public IPAddress? Address => IPAddress.TryParse(Host.Trim('[', ']'), out var ip) ? ip : null;

    public bool IsLocalhost => string.Equals(Host, "localhost", StringComparison.OrdinalIgnoreCase);

    private static bool HasExplicitPort(string text)
    {
        var rest = text[(text.IndexOf("://", StringComparison.Ordinal) + 3)..].TrimEnd('/');
        var close = rest.LastIndexOf(']');
        var colon = rest.LastIndexOf(':');
        return colon > close && colon < rest.Length - 1;
    }
}
