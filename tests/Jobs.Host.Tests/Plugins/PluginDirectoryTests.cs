using System.Text.Json;
using StreamJobs.Host.Plugins;
using StreamJobs.Host.Tests.Support;

namespace StreamJobs.Host.Tests.Plugins;

/// <summary>Where the worker loads plugins from: never from whatever folder it was started in.</summary>
public sealed class PluginDirectoryTests : IDisposable
{
    private static readonly TimeSpan Start = TimeSpan.FromSeconds(60);
    private readonly string _work = Directory.CreateTempSubdirectory("streamjobs-plugins-").FullName;

    public PluginDirectoryTests()
    {
        var built = Path.Combine(AppContext.BaseDirectory, "probe-plugin", "ProbePlugin");
        var target = Directory.CreateDirectory(Path.Combine(_work, "plugins", "ProbePlugin")).FullName;
        foreach (var file in Directory.GetFiles(built)) File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
    }

    [Fact]
    public async Task A_plugins_folder_in_the_working_directory_is_not_loaded_without_a_setting()
    {
        await using var host = HostProcess.Start(_work, "run", "--StreamJobs:Flows:UdpPort=0");
        Assert.True(await host.WaitForHttpAsync("/readyz", Start), "host not ready:\n" + string.Join("\n", host.Errors));

        Assert.Equal(0, (await Json(host, "/plugins")).GetArrayLength());
        Assert.DoesNotContain("probe", Names(await Json(host, "/jobs")));
    }

    [Fact]
    public async Task The_same_folder_set_explicitly_is_loaded()
    {
        await using var host = HostProcess.Start(_work, "run", "--StreamJobs:Flows:UdpPort=0", "--StreamJobs:Plugins:Directory=plugins");
        Assert.True(await host.WaitForHttpAsync("/readyz", Start), "host not ready:\n" + string.Join("\n", host.Errors));

        var plugin = Assert.Single((await Json(host, "/plugins")).EnumerateArray());
        Assert.Equal("ProbePlugin", plugin.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, plugin.GetProperty("error").ValueKind);
        Assert.Contains("probe", Names(await Json(host, "/jobs")));
    }

    [Fact]
    public void Without_a_setting_the_folder_is_the_one_beside_the_binaries()
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build();
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "plugins"), PluginLoader.DirectoryFrom(configuration));
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private static async Task<JsonElement> Json(HostProcess host, string path) => JsonDocument.Parse(await host.Http.GetStringAsync(path)).RootElement;

    private static string?[] Names(JsonElement jobs) => jobs.EnumerateArray().Select(j => j.GetProperty("name").GetString()).ToArray();
}
