using StreamJobs.Host.Tests.Support;

namespace StreamJobs.Host.Tests.Hostile;

/// <summary>MQL in sampling policies gets the same bounds as taps: a hostile rule stops the start with its position.</summary>
public sealed class HostilePolicyTests : IDisposable
{
    private readonly string _workDir = Directory.CreateTempSubdirectory("streamjobs-policy-").FullName;

    [Theory]
    [InlineData("nested", "line 1, column 65: expression nested deeper than 64 levels")]
    [InlineData("long", "over the limit of 16384")]
    public async Task A_hostile_mql_policy_stops_the_start_with_exit_code_2_and_a_positioned_error(string kind, string expected)
    {
        var expression = kind == "nested"
            ? new string('(', 100) + "rootService == 'x'" + new string(')', 100)
            : string.Join(" or ", Enumerable.Repeat("rootService == 'x'", 2_000));
        await using var host = HostProcess.Start(_workDir, "run", "--StreamJobs:Flows:UdpPort=0",
            "--StreamJobs:Jobs:tail-sampler:Policies:0:Type=mql", "--StreamJobs:Jobs:tail-sampler:Policies:0:Name=hostile",
            $"--StreamJobs:Jobs:tail-sampler:Policies:0:Expression={expression}");

        Assert.Equal(2, await host.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        var errors = string.Join("\n", host.Errors);
        Assert.Contains("Policies[0] (mql): Expression: ", errors);
        Assert.Contains(expected, errors);
    }

    public void Dispose() => Directory.Delete(_workDir, recursive: true);
}
