using Microsoft.Extensions.Configuration.Memory;

namespace StreamJobs.Host.Demo;

/// <summary>
/// Settings that differ in the demo only: a short quiet wait so sampled traces appear within seconds, and no archive of
/// every span (about 6.8 MB/s of NDJSON at the default rate, of which only the last ~90 s would be kept; the trace store
/// keeps what the sampler decided). They sit below every other configuration source, so appsettings, environment and
/// command line still override them (<c>--StreamJobs:Jobs:span-archive:Enabled=true</c> turns the archive back on).
/// </summary>
internal static class DemoDefaults
{
    public static void Apply(IConfigurationBuilder configuration) =>
        configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["StreamJobs:Jobs:span-buffer:QuietWait"] = "00:00:02",
                ["StreamJobs:Jobs:span-buffer:MaxTraceAge"] = "00:00:10",
                ["StreamJobs:Jobs:span-archive:Enabled"] = "false",
            },
        });
}
