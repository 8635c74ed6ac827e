using StreamJobs.Jobs;

namespace StreamJobs.Host.Connectors;

/// <summary>
/// Loads librdkafka at start when Kafka is on, so a machine it cannot load on (musl, glibc older than 2.28, a missing
/// dependency) stops the start with a clear error instead of failing deep inside the first Kafka job.
/// </summary>
internal static class KafkaNativeLibrary
{
    public static void EnsureLoadable()
    {
        try
        {
            _ = Confluent.Kafka.Library.Version; // loads the librdkafka.redist build that fits this machine
        }
        catch (Exception error) when (error is DllNotFoundException or BadImageFormatException or TypeInitializationException or EntryPointNotFoundException)
        {
            throw new JobConfigurationException([
                "Kafka is enabled (--kafka or StreamJobs:Kafka:Enabled) but librdkafka could not be loaded on this machine: " +
                $"{error.GetBaseException().Message} The librdkafka.redist package ships builds for glibc 2.28 or newer; see docs/kafka.md."]);
        }
    }
}
