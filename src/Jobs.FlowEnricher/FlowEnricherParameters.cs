using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using StreamJobs.FlowEnricher.Ownership;

namespace StreamJobs.FlowEnricher;

/// <summary>
/// Parameters of <see cref="FlowEnricherJob"/>, bound from <c>StreamJobs:Jobs:flow-enricher</c> and checked before the
/// job starts, so a bad value names its key instead of failing at the first flow.
/// </summary>
public sealed class FlowEnricherParameters : IValidatableObject
{
    /// <summary>How long after arrival a flow may wait for ownership evidence.</summary>
    [Description("How long after arrival a flow may wait for ownership evidence before it is emitted with unknown ends.")]
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Flows allowed to wait at once; at the bound the oldest wait ends early (counted).</summary>
    [Description("Flows allowed to wait at once; at the bound the oldest wait ends early (counted as evicted).")]
    [Range(1, 10_000_000)]
    public int MaxWaiting { get; set; } = 100_000;

    /// <summary>The latest an ownership event may arrive after it took effect; must not exceed MaxWait.</summary>
    [Description("Latest an ownership event may arrive after it took effect; younger event ranges are not trusted alone.")]
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan MaxEventLateness { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long ownership evidence is kept after it ended.</summary>
    [Description("How long ownership evidence (events, heartbeats) is kept after it ended.")]
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Most IPs tracked; evidence about further IPs is dropped (counted) until expiry frees room.</summary>
    [Description("Most IPs tracked; evidence about further IPs is dropped (counted) until expiry frees room.")]
    [Range(1, 100_000_000)]
    public int MaxTrackedIps { get; set; } = 2_000_000;

    /// <summary>How often due waits are ended and counters published; adds at most this much latency to waiting flows.</summary>
    [Description("How often due waits are ended and counters published; adds at most this much latency to waiting flows.")]
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Blocks owned as a whole and trusted at once, as <c>cidr=owner</c> (e.g. <c>203.0.113.0/24=internet</c>).</summary>
    [Description("Blocks owned as a whole and trusted at once, as cidr=owner (e.g. 203.0.113.0/24=internet).")]
    public string[] AuthoritativeBlocks { get; set; } = [];

    /// <summary>Blocks used only after a flow waited in vain, as <c>cidr=owner</c>.</summary>
    [Description("Blocks used only after a flow waited in vain, as cidr=owner.")]
    public string[] FallbackBlocks { get; set; } = [];

    /// <summary>How many parallel shards attribute flows; 0 (the default) runs one per core the process may use.</summary>
    [Description("Parallel shards of the enricher: flows are split between them by 5-tuple, every shard applies every ownership event (so each holds a full ownership table); 0 runs one per core the process may use. MaxWaiting is shared out between them.")]
    [Range(0, 256)]
    public int Shards { get; set; }

    /// <summary>The shards to run: <see cref="Shards"/>, or the cores the process may use (container-aware).</summary>
    public int EffectiveShards => Shards > 0 ? Shards : Environment.ProcessorCount;

    /// <summary>The attributor options these parameters describe, for one of <paramref name="shards"/> shards.</summary>
    public FlowAttributorOptions ToAttributorOptions(int shards = 1) => new()
    {
        MaxWait = MaxWait,
        MaxWaiting = Math.Max(1, (MaxWaiting + shards - 1) / shards),
        MaxEventLateness = MaxEventLateness,
    };

    /// <summary>The ownership table options these parameters describe.</summary>
    public IpOwnershipTableOptions ToTableOptions() => new() { Retention = Retention, MaxTrackedIps = MaxTrackedIps };

    /// <summary>The CIDR table, or null when no block is configured.</summary>
    public CidrTable? ToCidrTable()
    {
        if (AuthoritativeBlocks.Length == 0 && FallbackBlocks.Length == 0)
        {
            return null;
        }

        var table = new CidrTable();
        foreach (var block in AuthoritativeBlocks)
        {
            var (cidr, owner) = Split(block);
            table.Add(cidr, owner, authoritative: true);
        }

        foreach (var block in FallbackBlocks)
        {
            var (cidr, owner) = Split(block);
            table.Add(cidr, owner, authoritative: false);
        }

        return table;
    }

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxEventLateness > MaxWait)
        {
            yield return new ValidationResult(
                $"MaxEventLateness ({MaxEventLateness}) must not be longer than MaxWait ({MaxWait}): a flow must be able to wait until its start has settled.",
                [nameof(MaxEventLateness)]);
        }

        foreach (var (name, blocks) in new[] { (nameof(AuthoritativeBlocks), AuthoritativeBlocks), (nameof(FallbackBlocks), FallbackBlocks) })
        {
            foreach (var block in blocks)
            {
                int eq = block.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0 || eq == block.Length - 1 || !CidrTable.TryParse(block.AsSpan(0, eq).Trim(), out _, out _))
                {
                    yield return new ValidationResult($"'{block}' is not cidr=owner, e.g. 203.0.113.0/24=internet.", [name]);
                }
            }
        }
    }

    private static (string Cidr, string Owner) Split(string block)
    {
        int eq = block.IndexOf('=', StringComparison.Ordinal);
        return (block[..eq].Trim(), block[(eq + 1)..].Trim());
    }
}
