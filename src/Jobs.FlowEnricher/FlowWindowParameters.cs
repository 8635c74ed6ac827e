using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using StreamJobs.FlowEnricher.Windows;

namespace StreamJobs.FlowEnricher;

/// <summary>Parameters of <see cref="FlowWindowJob"/>, bound from <c>StreamJobs:Jobs:flow-windows</c>.</summary>
public sealed class FlowWindowParameters
{
    /// <summary>Tumbling window length, aligned to the Unix epoch.</summary>
    [Description("Tumbling window length, aligned to the Unix epoch, by flow start.")]
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan WindowSize { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long after its end a window still takes flows; cover the enricher's MaxWait plus export delay.</summary>
    [Description("How long after its end a window still takes flows; should cover the enricher's MaxWait plus export delay.")]
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan AllowedLateness { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>Windows open at once; one more closes the oldest early (counted).</summary>
    [Description("Windows open at once; one more closes the oldest early (counted).")]
    [Range(1, 10_000)]
    public int MaxOpenWindows { get; set; } = 16;

    /// <summary>RTT samples kept exactly per window and app pair before a bounded histogram takes over.</summary>
    [Description("RTT samples kept exactly per window and app pair; beyond, a histogram with under 1/64 relative error.")]
    [Range(1, 1_000_000)]
    public int ExactRttSamples { get; set; } = 4096;

    /// <summary>How often windows are checked for closing.</summary>
    [Description("How often windows are checked for closing; adds at most this much latency.")]
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Complete each flow's receipt once it is in its window: the windows are then one of the holders of the flow (with
    /// <c>StreamJobs:Kafka:EnrichedFlowsTopic</c>, the Kafka sink is the other), and a Kafka flows source commits the
    /// flow once every holder completed it. Turn it off to leave the windows out of that, so only other subscribers of
    /// enriched-flows decide when a flow is committed; with none, flows from Kafka are never committed.
    /// </summary>
    [Description("Complete each flow's receipt (a Kafka offset) once it is in its window; off to let only other subscribers of enriched-flows decide the commit.")]
    public bool CompleteReceipts { get; set; } = true;

    /// <summary>How many parallel shards aggregate, by app pair; 0 (the default) runs one per core the process may use.</summary>
    [Description("Parallel shards of the windows, split by (local app, remote app) so a pair's window is whole on one; 0 runs one per core the process may use.")]
    [Range(0, 256)]
    public int Shards { get; set; }

    /// <summary>The shards to run: <see cref="Shards"/>, or the cores the process may use (container-aware).</summary>
    public int EffectiveShards => Shards > 0 ? Shards : Environment.ProcessorCount;

    /// <summary>The aggregator options these parameters describe.</summary>
    public FlowWindowOptions ToOptions() => new()
    {
        WindowSize = WindowSize,
        AllowedLateness = AllowedLateness,
        MaxOpenWindows = MaxOpenWindows,
        ExactRttSamples = ExactRttSamples,
    };
}
