namespace StreamJobs.Host.Demo;

/// <summary>Settings of <c>streamjobs demo</c>, bound from <c>StreamJobs:Demo</c>.</summary>
internal sealed class DemoOptions
{
    public const string Section = "StreamJobs:Demo";

    /// <summary>Where results are written as NDJSON.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Stop by itself after this long (default: run until Ctrl-C).</summary>
    public TimeSpan? Duration { get; set; }
}
