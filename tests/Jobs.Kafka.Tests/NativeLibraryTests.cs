using System.Text.RegularExpressions;
using Confluent.Kafka;
using StreamJobs.Kafka.Tests.Support;

namespace StreamJobs.Kafka.Tests;

/// <summary>
/// librdkafka comes from the librdkafka.redist package in the build output, found by Confluent.Kafka alone: no library
/// built elsewhere, no LD_LIBRARY_PATH. On a machine without libsasl2 that is the package's centos8 build.
/// </summary>
public sealed partial class NativeLibraryTests
{
    [Fact]
    public void The_loaded_librdkafka_is_the_packaged_one_at_the_pinned_version()
    {
        var props = File.ReadAllText(Path.Combine(KafkaTestEnvironment.RepositoryRoot(), "Directory.Packages.props"));
        var pinned = RedistVersion().Match(props);
        Assert.True(pinned.Success, "librdkafka.redist is not pinned in Directory.Packages.props");
        Assert.Equal(pinned.Groups[1].Value, Library.VersionString);

        if (!OperatingSystem.IsLinux()) return;
        var loaded = File.ReadLines("/proc/self/maps")
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "")
            .Where(path => Path.GetFileName(path).EndsWith("librdkafka.so", StringComparison.Ordinal))
            .Distinct()
            .ToList();
        var library = Assert.Single(loaded);
        Assert.StartsWith(Path.Combine(AppContext.BaseDirectory, "runtimes"), library);
    }

    [GeneratedRegex("""<PackageVersion Include="librdkafka\.redist" Version="([^"]+)" />""")]
    private static partial Regex RedistVersion();
}
