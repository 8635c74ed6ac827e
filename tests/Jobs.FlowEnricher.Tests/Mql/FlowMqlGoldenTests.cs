namespace StreamJobs.FlowEnricher.Tests.Mql;

/// <summary>
/// Golden queries per flow stream (Mql/Golden/&lt;stream&gt;.txt, one <c>query ⇶ expected</c> per line, # for
/// comments) over <see cref="FlowGoldenRecords"/>, through the schemas taps use.
/// </summary>
public sealed class FlowMqlGoldenTests
{
    private const string Separator = " ⇶ ";

    public static TheoryData<string, int, string, string> Cases()
    {
        var data = new TheoryData<string, int, string, string>();
        foreach (var path in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Mql", "Golden"), "*.txt").Order())
        {
            var lines = File.ReadAllLines(path);
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i].Trim().Length == 0 || lines[i].TrimStart().StartsWith('#')) continue;
                var at = lines[i].IndexOf(Separator, StringComparison.Ordinal);
                if (at < 0) throw new FormatException($"{Path.GetFileName(path)}:{i + 1}: missing '{Separator.Trim()}'");
                data.Add(Path.GetFileNameWithoutExtension(path), i + 1, lines[i][..at], lines[i][(at + Separator.Length)..].Trim());
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Query_over_the_stream_produces_the_expected_output(string stream, int line, string query, string expected)
    {
        Assert.True(line > 0);
        if (StreamJobs.Mql.Mql.TryParse(query, out var parsed, out _)) Assert.Equal(stream, parsed.Source);
        Assert.Equal(expected, Run(stream, query));
    }

    [Fact]
    public void Every_flow_stream_has_golden_cases()
    {
        var streams = Cases().Select(c => (string)c[0]).ToHashSet();

        Assert.Equal(["enriched-flows", "flow-windows", "flows", "ip-ownership"], streams.Order());
    }

    private static string Run(string stream, string query) => stream switch
    {
        FlowEnricherJob.FlowStream => FlowGoldenRunner.Run(query, FlowMqlSchema.Flows, FlowGoldenRecords.Flows),
        FlowEnricherJob.OwnershipStream => FlowGoldenRunner.Run(query, FlowMqlSchema.Ownership, FlowGoldenRecords.Ownership),
        FlowEnricherJob.OutputStream => FlowGoldenRunner.Run(query, FlowMqlSchema.EnrichedFlows, FlowGoldenRecords.EnrichedFlows),
        FlowWindowJob.OutputStream => FlowGoldenRunner.Run(query, FlowMqlSchema.Windows, FlowGoldenRecords.Windows),
        _ => throw new ArgumentException($"no records for stream '{stream}'", nameof(stream)),
    };
}
