using FsCheck;
using FsCheck.Fluent;
using StreamJobs.FlowEnricher.Synthetic;
using StreamJobs.FlowEnricher.Tests.Support;

namespace StreamJobs.FlowEnricher.Tests;

public sealed class FlowAttributorPropertyTests
{
    private static readonly FlowAttributorOptions Attributor = new()
    {
        MaxWait = TimeSpan.FromSeconds(30),
        MaxEventLateness = TimeSpan.FromSeconds(10),
        MaxWaiting = 10_000,
    };

    [Fact]
    public void Random_histories_never_misattribute()
    {
        var scenarios =
            from seed in Gen.Choose(0, int.MaxValue)
            from ips in Gen.Choose(2, 12)
            from apps in Gen.Choose(2, 6)
            from handovers in Gen.Choose(1, 4)
            from churn in Gen.Choose(0, 100)
            from late in Gen.Choose(0, 100)
            from lateness in Gen.Choose(0, 10_000)
            from heartbeats in Gen.Choose(0, 100)
            from eventless in Gen.Choose(0, 50)
            from gap in Gen.Choose(0, 20_000)
            select new SyntheticFlowOptions
            {
                Seed = seed,
                Ips = ips,
                Applications = apps,
                HandoversPerChurnedIp = handovers,
                ChurnFraction = churn / 100.0,
                LateEventFraction = late / 100.0,
                MaxEventLatenessMs = lateness,
                HeartbeatFraction = heartbeats / 100.0,
                EventlessFraction = eventless / 100.0,
                HandoverGapMs = gap,
                DurationMs = 300_000,
                MinTenureMs = 40_000,
                FlowIntervalMs = 2_000,
                MaxExportDelayMs = 1_000,
                Flows = 600,
            };
        long attributedEnds = 0;

        Prop.ForAll(scenarios.ToArbitrary(), options =>
        {
            var outcome = ScenarioRunner.Run(options, Attributor);
            attributedEnds += outcome.AttributedEnds;
            return outcome.Misattributed == 0 && outcome.Waiting == 0;
        }).QuickCheckThrowOnFailure();

        Assert.True(attributedEnds > 0);
    }

    [Fact]
    public void A_churning_scenario_attributes_most_ends_and_misattributes_none()
    {
        var outcome = ScenarioRunner.Run(new SyntheticFlowOptions { Seed = 7, Ips = 300, Flows = 5_000, ChurnFraction = 0.5 }, Attributor);

        Assert.Equal(0, outcome.Misattributed);
        Assert.True(outcome.AttributedEnds > 0.9 * (outcome.AttributedEnds + outcome.UnknownEnds), $"{outcome}");
    }
}
