namespace StreamJobs.Replicas.Benchmarks;

/// <summary>One run of the hand-written consumer loop.</summary>
/// <param name="Spans">Spans read and deserialized.</param>
/// <param name="Malformed">Records <c>SpanSerde</c> refused (expected 0).</param>
/// <param name="Wall">From the first record to the last (assignment and the first fetch excluded).</param>
/// <param name="Cpu">This process's CPU time over the same span of time.</param>
/// <param name="ServerCpu">The broker's and ZooKeeper's CPU time over the same span.</param>
/// <param name="MachineBusyCores">Cores busy machine-wide over the same span (every process, the broker's included).</param>
internal sealed record BaselineResult(long Spans, long Malformed, TimeSpan Wall, TimeSpan Cpu, TimeSpan ServerCpu, double MachineBusyCores)
{
    public double SpansPerSecond => Spans / Wall.TotalSeconds;

    public double Cores => Cpu / Wall;

    public double ServerCores => ServerCpu / Wall;
}
