using StreamJobs.Mql;

namespace StreamJobs.FlowEnricher.Tests.Mql;

public sealed class FlowMqlSchemaTests
{
    [Fact]
    public void Filtering_enriched_flows_by_cidr_and_workload_allocates_nothing_per_record()
    {
        var predicate = StreamJobs.Mql.Mql.CompilePredicate(
            "remoteIp in '10.0.0.0/8' and localIp not in 'fd00::/8' and remoteWorkload == 'payments' and protocol == 'tcp'", FlowMqlSchema.EnrichedFlows);
        var flows = FlowGoldenRecords.EnrichedFlows;
        Assert.Equal(1_000, Count(predicate, flows, 1_000));

        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal(100, Count(predicate, flows, 100));

        // Formatting one address per record would cost tens of kilobytes here; the JIT may still allocate a little.
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 4_000, $"{allocated} bytes for {100 * flows.Length} records");
    }

    [Fact]
    public void No_schema_exposes_a_receipt()
    {
        IEnumerable<MqlPropertyInfo>[] schemas = [FlowMqlSchema.Flows.Properties, FlowMqlSchema.EnrichedFlows.Properties, FlowMqlSchema.Ownership.Properties, FlowMqlSchema.Windows.Properties];

        Assert.DoesNotContain(schemas.SelectMany(p => p), p => p.Name.Contains("receipt", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(FlowMqlSchema.EnrichedFlows.Properties, p => p is { Name: "remoteIp", Kind: MqlPropertyKind.Ip });
    }

    private static int Count(MqlPredicate<EnrichedFlow> predicate, EnrichedFlow[] flows, int rounds)
    {
        var matches = 0;
        for (var round = 0; round < rounds; round++)
        {
            foreach (var flow in flows) matches += predicate.Matches(flow) ? 1 : 0;
        }

        return matches;
    }
}
