using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace MyJob;

/// <summary>Bound from StreamJobs:Jobs:threshold and validated before the job starts.</summary>
public sealed class ThresholdParameters
{
    [Description("The named stream to read.")]
    [Required]
    public string Input { get; set; } = "readings";

    [Description("The named stream to publish to.")]
    [Required]
    public string Output { get; set; } = "high-readings";

    [Description("Readings below this are dropped.")]
    [Range(0, double.MaxValue)]
    public double Threshold { get; set; } = 100;
}
