using System.Runtime.InteropServices;
using StreamJobs.Jobs;

namespace StreamJobs.Host.Connectors;

/// <summary>
/// Checks at start that librdkafka can be loaded, the way Confluent.Kafka will look for it (next to the app, then the
/// loader's path). Without this, the first Kafka client would fail deep inside the job with a DllNotFoundException.
/// </summary>
internal static class NativeKafkaLibrary
{
    private static readonly string[] Names = ["librdkafka.so", "librdkafka.so.1"];

    public static void EnsureAvailable()
    {
        foreach (var name in Names)
        {
            var local = Path.Combine(AppContext.BaseDirectory, name);
            if (File.Exists(local) && NativeLibrary.TryLoad(local, out _)) return;
            if (NativeLibrary.TryLoad(name, out _)) return;
        }
        throw new JobConfigurationException([
            "Kafka is enabled (--kafka or StreamJobs:Kafka:Enabled) but the native librdkafka library was not found next to the app or on LD_LIBRARY_PATH. " +
            "Build it with scripts/install-librdkafka.sh, then rebuild (the build copies it next to the app) or set LD_LIBRARY_PATH to its lib folder."]);
    }
}
