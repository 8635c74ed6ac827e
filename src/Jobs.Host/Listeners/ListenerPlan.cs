using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace StreamJobs.Host.Listeners;

/// <summary>
/// Every address the host listens on, read and checked once before start: the operations port
/// (<c>StreamJobs:Http:Urls</c>, everything: ingest, taps, query, UI, probes, metrics) and the dedicated ingest
/// listeners (<c>StreamJobs:Listeners:Zipkin|OtlpHttp|OtlpGrpc</c>), each serving only its own ingest. All binding
/// happens here: Kestrel's <c>Listen*</c> calls override <c>UseUrls</c>, so the two ways cannot be mixed.
/// </summary>
internal sealed class ListenerPlan
{
    public const string Section = "StreamJobs:Listeners";
    public const string UrlsSetting = "StreamJobs:Http:Urls";

    /// <summary>The operations port the standard listeners go with by default.</summary>
    public const int StandardOperationsPort = 5080;

    private ListenerPlan(IReadOnlyList<ListenUrl> operations, IReadOnlyDictionary<ListenerKind, ListenUrl> listeners, string? note)
    {
        Operations = operations;
        Listeners = listeners;
        Note = note;
    }

    /// <summary>The operations addresses; empty when <c>Kestrel:Endpoints</c> configures binding instead.</summary>
    public IReadOnlyList<ListenUrl> Operations { get; }

    /// <summary>The dedicated listeners that are on.</summary>
    public IReadOnlyDictionary<ListenerKind, ListenUrl> Listeners { get; }

    /// <summary>Why standard listeners are off without being configured off, for the start log; null otherwise.</summary>
    public string? Note { get; }

    /// <summary>The listener a dedicated port belongs to, or null for an operations port.</summary>
    public ListenerKind? DedicatedTo(int localPort)
    {
        foreach (var (kind, url) in Listeners) if (url.Port == localPort) return kind;
        return null;
    }

    /// <summary>
    /// Reads the plan. A standard listener that is not configured is on (loopback, its standard port) only while the
    /// operations port is the standard 5080: a host whose operations port was moved (a second host on the machine, a
    /// test) claims no standard port unless told to. Throws <see cref="OptionsValidationException"/> naming every
    /// setting that is wrong.
    /// </summary>
    public static ListenerPlan Read(IConfiguration configuration, string defaultUrls)
    {
        var failures = new List<string>();
        if (configuration.GetSection("Kestrel:Endpoints").GetChildren().Any())
        {
            // Whoever configures Kestrel's endpoints binds everything themselves, as before the listeners existed.
            return new ListenerPlan([], new Dictionary<ListenerKind, ListenUrl>(),
                "Kestrel:Endpoints is configured, so it alone decides where the host listens; StreamJobs:Http:Urls and StreamJobs:Listeners are not bound");
        }

        var operations = new List<ListenUrl>();
        var urls = configuration[UrlsSetting] ?? defaultUrls;
        foreach (var text in urls.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (ListenUrl.Parse(text, allowHttps: true, out var error) is not { } url) failures.Add($"{UrlsSetting}: {error}.");
            else if (url.IsLocalhost && url.Port == 0)
                failures.Add($"{UrlsSetting}: '{text}' asks for a free port (0) on localhost, which is two addresses that would get two different ports; use http://127.0.0.1:0 or http://[::1]:0.");
            else operations.Add(url);
        }
        if (operations.Count == 0 && failures.Count == 0) failures.Add($"{UrlsSetting} names no URL; give at least one, e.g. {defaultUrls}.");

        var section = configuration.GetSection(Section);
        foreach (var unknown in section.GetChildren().Where(c => !ListenerKind.All.Any(k => k.Name.Equals(c.Key, StringComparison.OrdinalIgnoreCase))))
            failures.Add($"{Section}:{unknown.Key} is not a listener; the listeners are {string.Join(", ", ListenerKind.All.Select(k => k.Name))}.");

        var standard = operations.Count > 0 && operations.All(u => u.Port == StandardOperationsPort);
        var listeners = new Dictionary<ListenerKind, ListenUrl>();
        var leftOff = new List<string>();
        foreach (var kind in ListenerKind.All)
        {
            var value = section[kind.Name];
            if (value is null && !standard)
            {
                leftOff.Add(kind.Name);
                continue;
            }
            value ??= kind.Default;
            if (value.Trim().Length == 0 || value.Trim().Equals("off", StringComparison.OrdinalIgnoreCase)) continue;
            if (ListenUrl.Parse(value, allowHttps: false, out var error) is not { } url)
            {
                failures.Add($"{Section}:{kind.Name}: {error}, or 'off'.");
                continue;
            }
            if (url.Port == 0) failures.Add($"{Section}:{kind.Name}: '{value}' must name its port (not 0): the port tells its requests apart.");
            else if (operations.FirstOrDefault(o => o.Port == url.Port) is { } clash)
                failures.Add($"{Section}:{kind.Name}: port {url.Port} is already the operations port ({UrlsSetting} {clash}), which serves this ingest too; set the listener off or move it.");
            else if (listeners.FirstOrDefault(l => l.Value.Port == url.Port) is { Key: { } other })
                failures.Add($"{Section}:{kind.Name}: port {url.Port} is already {Section}:{other.Name}'s; give each listener its own port.");
            else listeners[kind] = url;
        }
        if (failures.Count > 0) throw new OptionsValidationException(Section, typeof(ListenerPlan), failures);
        var note = leftOff.Count == 0 ? null
            : $"the standard listeners ({string.Join(", ", leftOff)}) are off because {UrlsSetting} does not use port {StandardOperationsPort}; set {Section}:<name> to bind them";
        return new ListenerPlan(operations, listeners, note);
    }

    /// <summary>Binds every planned address on Kestrel; the gRPC listener speaks HTTP/2 without TLS.</summary>
    public void Bind(KestrelServerOptions kestrel)
    {
        foreach (var url in Operations) Listen(kestrel, url, http2Only: false, url.IsHttps);
        foreach (var (kind, url) in Listeners) Listen(kestrel, url, kind.Http2, https: false);
    }

    private static void Listen(KestrelServerOptions kestrel, ListenUrl url, bool http2Only, bool https)
    {
        void Configure(Microsoft.AspNetCore.Server.Kestrel.Core.ListenOptions options)
        {
            // Otherwise Kestrel's default (HTTP/1.1, plus HTTP/2 where TLS negotiates it): set explicitly, it would warn
            // on every plain-HTTP endpoint.
            if (http2Only) options.Protocols = HttpProtocols.Http2;
            if (https) options.UseHttps();
        }

        if (url.IsLocalhost) kestrel.ListenLocalhost(url.Port, Configure);
        else if (url.Address is { } address) kestrel.Listen(address, url.Port, Configure);
        else kestrel.ListenAnyIP(url.Port, Configure);
    }
}
