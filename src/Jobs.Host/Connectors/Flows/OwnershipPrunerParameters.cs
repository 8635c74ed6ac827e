using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace StreamJobs.Host.Connectors.Flows;

/// <summary>Parameters of <c>kafka-ownership-pruner</c>, bound from <c>StreamJobs:Jobs:kafka-ownership-pruner</c>.</summary>
public sealed class OwnershipPrunerParameters
{
    /// <summary>
    /// How far back attribution must stay exact: events superseded before now minus this are deleted from the topic.
    /// Must not be below the enricher's <c>Retention</c> (1 h), past which the enricher forgets evidence anyway: the
    /// job refuses to start otherwise.
    /// </summary>
    [Description("Events superseded before now minus this are tombstoned in the ownership topic; not below flow-enricher:Retention.")]
    [Range(typeof(TimeSpan), "00:10:00", "3650.00:00:00")]
    public TimeSpan Horizon { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How often superseded events are looked for.</summary>
    [Description("How often superseded ownership events are looked for and tombstoned.")]
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Tombstones written per interval at most; the rest go in the next ones.</summary>
    [Description("Tombstones written per interval at most (the rest follow in the next intervals), so a backlog never holds the enricher's ownership input back for long.")]
    [Range(1, 10_000_000)]
    public int MaxTombstonesPerInterval { get; set; } = 20_000;
}
