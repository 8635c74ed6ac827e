namespace StreamJobs.Host.Taps;

/// <summary>Limits and access for live taps (<c>StreamJobs:Taps</c>).</summary>
internal sealed class TapOptions
{
    public const string Section = "StreamJobs:Taps";

    /// <summary>Taps open at once on this node; more get 429, so taps cannot exhaust the node.</summary>
    public int MaxConcurrent { get; set; } = 16;

    /// <summary>Matching records one tap may send per second; the excess is dropped and counted.</summary>
    public int MaxRecordsPerSecond { get; set; } = 10_000;

    /// <summary>Batches a tap buffers before the stream starts dropping for it.</summary>
    public int BufferBatches { get; set; } = 16;

    /// <summary>How often a tap reports its counters (and polls windowed aggregates).</summary>
    public TimeSpan MetaInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Bearer token for the tap endpoints; required when the host binds a non-loopback address.</summary>
    public string? Token { get; set; }

    /// <summary>Base URLs of every replica (this node included) for fan-out queries.</summary>
    public List<string> Replicas { get; set; } = [];

    /// <summary>A DNS name whose A records are the replicas (e.g. a Kubernetes headless service).</summary>
    public string? ReplicaDns { get; set; }

    /// <summary>The replicas' HTTP port when found through <see cref="ReplicaDns"/>.</summary>
    public int ReplicaPort { get; set; } = 5080;
}
