using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace StreamJobs.Host.Demo;

/// <summary>Parameters of the synthetic traffic job.</summary>
public sealed class DemoTrafficParameters
{
    /// <summary>Traces generated per second.</summary>
    [Description("Traces generated per second.")]
    [Range(1, 10_000_000)]
    public int TracesPerSecond { get; set; } = 2_000;

    /// <summary>The random seed: the same seed gives the same traffic.</summary>
    [Description("Random seed; the same seed gives the same traffic.")]
    public int Seed { get; set; } = 42;

    /// <summary>The stream the spans are published to; with Kafka on, the demo sends them through the topic first.</summary>
    [Description("Stream the spans are published to (spans; ingested-spans when the demo runs through Kafka).")]
    [Required]
    public string Stream { get; set; } = "spans";
}
