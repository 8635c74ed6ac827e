using StreamJobs.Mql.Tests.Support;
using Xunit;
using static StreamJobs.Mql.Tests.Support.TraceBuilder;

namespace StreamJobs.Mql.Tests;

public class SampleNodeTests
{
    private static HashSet<string> Kept(string sample, IEnumerable<TestTrace> traces, int seed = 1)
    {
        var query = Mql.Parse("select traceId " + sample).Compile(TestSchemas.Trace, new MqlCompileOptions { Random = new Random(seed) });
        return traces.Where(t => query.Matches(t)).Select(t => t.TraceId).ToHashSet();
    }

    private static TestTrace[] Traces(int count) => Enumerable.Range(0, count).Select(i => Trace(traceId: $"t{i}")).ToArray();

    [Fact]
    public void Sticky_is_deterministic_across_compilations_and_keeps_about_threshold_over_factor()
    {
        const string sample = "sample {'strategy': 'STICKY', 'keys': ['traceId'], 'threshold': 250, 'factor': 1000}";
        var traces = Traces(4000);

        var first = Kept(sample, traces, seed: 1);
        var second = Kept(sample, traces, seed: 2);

        Assert.Equal(first, second);
        Assert.InRange(first.Count, 900, 1100);
    }

    [Fact]
    public void Sticky_keeps_all_or_none_of_the_records_of_a_key()
    {
        var query = Mql.Parse("select * sample {'strategy': 'STICKY', 'keys': ['service'], 'threshold': 1, 'factor': 2}").Compile(TestSchemas.Trace);
        var services = Enumerable.Range(0, 50).Select(i => $"svc{i}").ToArray();

        foreach (var service in services)
        {
            var decisions = Enumerable.Range(0, 5).Select(i => query.Matches(Trace(traceId: $"{service}-{i}", service: service))).Distinct();
            Assert.Single(decisions);
        }
    }

    [Fact]
    public void Salt_changes_which_keys_are_kept()
    {
        var traces = Traces(1000);

        var unsalted = Kept("sample {'strategy': 'STICKY', 'keys': ['traceId'], 'threshold': 1, 'factor': 2}", traces);
        var salted = Kept("sample {'strategy': 'STICKY', 'keys': ['traceId'], 'threshold': 1, 'factor': 2, 'salt': 99}", traces);

        Assert.NotEqual(unsalted, salted);
        Assert.InRange(unsalted.Intersect(salted).Count(), 150, 350);
    }

    [Fact]
    public void Random_keeps_about_threshold_over_factor()
    {
        var kept = Kept("sample {'strategy': 'RANDOM', 'threshold': 200, 'factor': 10000}", Traces(50_000));

        Assert.InRange(kept.Count, 800, 1200);
    }
}
