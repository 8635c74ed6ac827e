namespace StreamJobs.Packaging.Tests.Support;

/// <summary>
/// Packs the StreamJobs packages an outside project needs into a temporary folder, once per test class, with a version
/// of their own so the NuGet cache never serves a stale build.
/// </summary>
public sealed class PackagesFixture : IAsyncLifetime
{
    private static readonly string[] Packed = ["Jobs.Core", "Jobs.Telemetry", "Mql", "Jobs.FlowEnricher", "Jobs.TestKit"];

    public string Root { get; } = Directory.CreateTempSubdirectory("streamjobs-packaging-").FullName;

    public string Feed => Path.Combine(Root, "packages");

    public string Version { get; } = "0.1.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff");

    public static string RepositoryRoot
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "StreamJobs.sln"))) directory = directory.Parent;
            return directory?.FullName ?? throw new InvalidOperationException("StreamJobs.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public async Task InitializeAsync()
    {
        foreach (var project in Packed)
        {
            await DotNet.SucceedAsync(RepositoryRoot, TimeSpan.FromMinutes(5),
                "pack", Path.Combine("src", project), "-c", "Release", "-o", Feed, "-p:Version=" + Version, "-nologo");
        }
    }

    /// <summary>A nuget.config that finds the packed StreamJobs packages first, then the public registry.</summary>
    public void WriteNuGetConfig(string directory) => File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <clear />
            <add key="streamjobs" value="{Feed}" />
            <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
          </packageSources>
        </configuration>
        """);

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A process still holding a file; the temp folder is cleaned by the OS eventually.
        }
        return Task.CompletedTask;
    }
}
