namespace StreamJobs.FlowEnricher.Windows;

/// <summary>One window still accepting flows.</summary>
internal sealed class OpenWindow(long startUnixMs)
{
    public long StartUnixMs { get; } = startUnixMs;

    public PairTable Pairs { get; } = new();
}
