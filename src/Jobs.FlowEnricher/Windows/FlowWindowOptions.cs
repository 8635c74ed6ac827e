namespace StreamJobs.FlowEnricher.Windows;

/// <summary>Shape and bounds of flow windows.</summary>
public sealed class FlowWindowOptions
{
    /// <summary>Tumbling window length, aligned to the Unix epoch (default 1 minute).</summary>
    public TimeSpan WindowSize { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long after its end a window still accepts flows (default 45 s: flows may wait 30 s for attribution).</summary>
    public TimeSpan AllowedLateness { get; init; } = TimeSpan.FromSeconds(45);

    /// <summary>Windows open at once; a flow opening one more closes the oldest early, counted (default 16).</summary>
    public int MaxOpenWindows { get; init; } = 16;

    /// <summary>RTT samples kept exactly per (window, app pair); beyond, a log-linear histogram (about 1.6% error) takes over (default 4096).</summary>
    public int ExactRttSamples { get; init; } = 4096;
}
