namespace StreamJobs.Host.Tests.Support;

/// <summary>
/// Tests that measure rates, durations or CPU budgets against a real host. They run alone, after the parallel tests,
/// so that a neighbouring test's load does not decide them (two cores, and tap workers run at the lowest priority).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingSensitive
{
    public const string Name = "timing-sensitive";
}
