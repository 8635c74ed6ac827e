namespace StreamJobs.FlowEnricher;

/// <summary>Waiting bounds and trust rules of a <see cref="FlowAttributor"/>.</summary>
public sealed class FlowAttributorOptions
{
    /// <summary>How long after arrival a flow may wait for ownership evidence (default 30 s).</summary>
    public TimeSpan MaxWait { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Flows allowed to wait at once; at the bound the oldest wait ends early and is counted (default 100,000).</summary>
    public int MaxWaiting { get; init; } = 100_000;

    /// <summary>
    /// The latest an ownership event may arrive after it took effect (processing time, default 10 s). Event ranges
    /// younger than this are not trusted alone, since a late event could still split them. Must not exceed
    /// <see cref="MaxWait"/>.
    /// </summary>
    public TimeSpan MaxEventLateness { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often waiting flows are re-checked when ownership did not change (default 1 s).</summary>
    public TimeSpan RecheckInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often <see cref="FlowAttributor.DrainDue"/> expires old ownership evidence (default 1 min).</summary>
    public TimeSpan ExpireInterval { get; init; } = TimeSpan.FromMinutes(1);
}
