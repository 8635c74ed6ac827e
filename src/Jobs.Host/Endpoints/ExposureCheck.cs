using Microsoft.Extensions.Options;
using StreamJobs.Host.Taps;

namespace StreamJobs.Host.Endpoints;

/// <summary>
/// Once the server listens, stops the host when it bound a non-loopback address without a tap token, whichever
/// configuration bound it. <see cref="TapOptionsValidator"/> refuses the same before start for StreamJobs:Http:Urls;
/// this catches every other path (Kestrel endpoints, <c>--urls</c>, <c>ASPNETCORE_URLS</c>). Until it stops,
/// <see cref="OperatorAccess"/> refuses taps.
/// </summary>
internal sealed class ExposureCheck(ListenAddresses addresses, IOptions<TapOptions> taps, IHostApplicationLifetime lifetime, ILogger<ExposureCheck> logger)
{
    /// <summary>Why the host stopped itself, or null.</summary>
    public string? Refusal { get; private set; }

    /// <summary>Checks the bound addresses; call when the application has started.</summary>
    public void Run()
    {
        var exposed = addresses.NonLoopback;
        if (exposed.Count == 0 || !string.IsNullOrEmpty(taps.Value.Token)) return;
        Refusal = $"{TapOptions.Section}:Token is required because the host listens on {string.Join(", ", exposed)}, which is not loopback, " +
            "and taps stream live records: set a token (environment STREAMJOBS_StreamJobs__Taps__Token) or bind 127.0.0.1.";
        logger.LogCritical("Stopping: {Refusal}", Refusal);
        lifetime.StopApplication();
    }
}
