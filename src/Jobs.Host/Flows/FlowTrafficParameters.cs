using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace StreamJobs.Host.Flows;

/// <summary>Parameters of the demo's synthetic flow traffic, bound from <c>StreamJobs:Jobs:flow-traffic</c>.</summary>
public sealed class FlowTrafficParameters
{
    /// <summary>Flows per second.</summary>
    [Description("Synthetic flows per second.")]
    [Range(1, 1_000_000)]
    public int FlowsPerSecond { get; set; } = 2_000;

    /// <summary>IPs owned by the applications.</summary>
    [Description("IPs owned by the synthetic applications (10% IPv6).")]
    [Range(2, 10_000_000)]
    public int Ips { get; set; } = 2_000;

    /// <summary>Applications.</summary>
    [Description("Synthetic applications owning the IPs.")]
    [Range(2, 10_000)]
    public int Applications { get; set; } = 20;

    /// <summary>Fraction of IPs handed to another application during the run.</summary>
    [Description("Fraction of IPs handed to another application during the run (IP churn).")]
    [Range(0.0, 1.0)]
    public double ChurnFraction { get; set; } = 0.3;

    /// <summary>Latest an ownership event arrives after it took effect; keep it at most the enricher's MaxEventLateness.</summary>
    [Description("Latest an ownership event arrives after it took effect; keep it at most flow-enricher:MaxEventLateness.")]
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan MaxEventLateness { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How long the scenario lasts; the traffic stops after it.</summary>
    [Description("How long the scenario lasts; the traffic stops after it.")]
    [Range(typeof(TimeSpan), "00:00:10", "7.00:00:00")]
    public TimeSpan Duration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Seed of the scenario.</summary>
    [Description("Seed of the scenario (equal seeds, equal scenarios).")]
    public int Seed { get; set; } = 1;
}
