using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace EdgeThroughput;

public sealed class EdgeThroughputParameters
{
    [Description("The report window.")]
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    [Description("Edges with fewer flows in a window are left out of the report.")]
    [Range(1, 1_000_000)]
    public int MinFlows { get; set; } = 1;
}
