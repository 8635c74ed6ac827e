using Microsoft.Extensions.Configuration.Memory;

namespace StreamJobs.Host.Demo;

/// <summary>
/// Settings that differ in the demo only: a short quiet wait so sampled traces appear within seconds. They sit
/// below every other configuration source, so appsettings, environment and command line still override them.
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
            },
        });
}
