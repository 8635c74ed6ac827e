using Microsoft.Extensions.Configuration;
using StreamJobs.FlowEnricher.Ownership;
using StreamJobs.Host.Connectors.Flows;
using StreamJobs.Telemetry.Flows;

namespace StreamJobs.Host.Tests.Flows;

public sealed class SupersededOwnershipEventsTests
{
    private const long T0 = 1_700_000_000_000;
    private static readonly IpAddress Ip = IpAddress.Parse("10.0.0.1");

    private static OwnershipEvent Assigned(string workload, long t) => new(Ip, workload, t, OwnershipChange.Assigned);

    private static OwnershipEvent Unassigned(string workload, long t) => new(Ip, workload, t, OwnershipChange.Unassigned);

    [Fact]
    public void Events_older_than_the_latest_at_the_horizon_are_superseded_and_the_table_from_the_rest_answers_alike()
    {
        OwnershipEvent[] history =
        [
            Assigned("a", T0),
            Unassigned("a", T0 + 100), Assigned("b", T0 + 100), // a handover: both at one instant
            Unassigned("b", T0 + 200), Assigned("c", T0 + 200),
            Unassigned("c", T0 + 900), Assigned("d", T0 + 900), // after the horizon
        ];
        var events = new SupersededOwnershipEvents();
        foreach (var e in history) events.Add(e);
        var superseded = new List<OwnershipEvent>();

        Assert.Equal(3, events.Collect(T0 + 500, superseded));

        Assert.Equal(history[..3], superseded);
        Assert.Equal(4, events.Count);
        var full = Table(history);
        var pruned = Table(history.Except(superseded));
        for (var t = T0 + 500; t < T0 + 1_000; t += 50) Assert.Equal(Owner(full, t), Owner(pruned, t));
        Assert.NotEqual(Owner(full, T0 + 50), Owner(pruned, T0 + 50)); // the history before the horizon is what goes
    }

    [Fact]
    public void An_unassignment_at_the_horizon_is_kept_so_the_ip_stays_unowned()
    {
        var events = new SupersededOwnershipEvents();
        events.Add(Assigned("a", T0));
        events.Add(Unassigned("a", T0 + 100));
        var superseded = new List<OwnershipEvent>();

        Assert.Equal(1, events.Collect(T0 + 200, superseded));
        Assert.Equal(Assigned("a", T0), Assert.Single(superseded));
        Assert.Equal(1, events.Count);
        Assert.Null(Owner(Table([Unassigned("a", T0 + 100)]), T0 + 300));
    }

    [Fact]
    public void Nothing_is_superseded_by_events_after_the_horizon_and_collected_events_are_not_collected_again()
    {
        var events = new SupersededOwnershipEvents();
        events.Add(Assigned("a", T0 + 1_000));
        events.Add(Assigned("b", T0 + 2_000));
        var superseded = new List<OwnershipEvent>();
        Assert.Equal(0, events.Collect(T0 + 500, superseded));

        events.Add(Assigned("a", T0)); // late: older than everything
        events.Add(Assigned("a", T0)); // a duplicate (a replay) is one event
        Assert.Equal(3, events.Count);
        Assert.Equal(1, events.Collect(T0 + 1_500, superseded));
        Assert.Equal(0, events.Collect(T0 + 1_500, superseded));
        Assert.Equal([Assigned("a", T0)], superseded);
    }

    [Fact]
    public void A_capped_collection_stops_after_the_ip_that_reaches_the_cap_and_the_next_one_takes_the_rest()
    {
        var events = new SupersededOwnershipEvents();
        for (var i = 0; i < 10; i++)
        {
            var ip = IpAddress.FromV4(0x0A00_0000u + (uint)i);
            events.Add(new OwnershipEvent(ip, "a", T0, OwnershipChange.Assigned));
            events.Add(new OwnershipEvent(ip, "b", T0 + 100, OwnershipChange.Assigned));
        }
        var superseded = new List<OwnershipEvent>();

        Assert.Equal(3, events.Collect(T0 + 200, superseded, max: 3));
        Assert.Equal(7, events.Collect(T0 + 200, superseded));
        Assert.Equal(10, superseded.Select(e => e.Ip).Distinct().Count());
        Assert.Equal(10, events.Count);
    }

    [Fact]
    public void The_pruner_refuses_a_horizon_below_the_enrichers_retention()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["StreamJobs:Jobs:flow-enricher:Retention"] = "03:00:00",
        }).Build();
        var job = new KafkaOwnershipPrunerJob(configuration);
        var context = new StreamJobs.Jobs.JobContext(KafkaOwnershipPrunerJob.Name, new StreamJobs.NamedStreams.NamedStreamRegistry(), parameters: new OwnershipPrunerParameters { Horizon = TimeSpan.FromHours(2) });

        var refused = Assert.Throws<StreamJobs.Jobs.JobConfigurationException>(() => job.Build(context));
        Assert.Contains("kafka-ownership-pruner:Horizon (02:00:00) is below StreamJobs:Jobs:flow-enricher:Retention (03:00:00)", refused.Message);
    }

    private static IpOwnershipTable Table(IEnumerable<OwnershipEvent> events)
    {
        var table = new IpOwnershipTable();
        foreach (var e in events) table.Apply(e);
        return table;
    }

    private static string? Owner(IpOwnershipTable table, long t) => table.TryGetOwner(Ip, t, out var owner) ? owner : null;
}
