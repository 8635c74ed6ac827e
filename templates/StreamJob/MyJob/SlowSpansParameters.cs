using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace MyJob;

/// <summary>Bound from StreamJobs:Jobs:slow-spans and validated before the job starts.</summary>
public sealed class SlowSpansParameters
{
    [Description("Spans at least this slow (milliseconds) are published.")]
    [Range(0, 3_600_000)]
    public double ThresholdMs { get; set; } = 200;
}
