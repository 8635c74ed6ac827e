namespace StreamJobs.FlowEnricher.Windows;

/// <summary>One window still accepting flows, its pairs in a table reused from a closed window when there is one.</summary>
internal sealed class OpenWindow(long startUnixMs, PairTable pairs)
{
    public long StartUnixMs { get; } = startUnixMs;

    public PairTable Pairs { get; } = pairs;
}
