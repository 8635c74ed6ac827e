using System.ComponentModel.DataAnnotations;

namespace StreamJobs.Hosting;

/// <summary>Engine settings of a host, bound from the <c>StreamJobs</c> configuration section.</summary>
public sealed class StreamJobsOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "StreamJobs";

    /// <summary>Records per batch.</summary>
    [Range(1, 1_048_576)]
    public int BatchSize { get; set; } = 1024;

    /// <summary>Batches held by each async boundary and subscription.</summary>
    [Range(1, 4096)]
    public int BufferBatches { get; set; } = 8;

    /// <summary>How long a graceful shutdown may take to drain before what is left is dropped.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(25);
}
