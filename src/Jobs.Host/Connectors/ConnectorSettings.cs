using StreamJobs.Jobs;

namespace StreamJobs.Host.Connectors;

/// <summary>Turns a connector's settings error (an <see cref="ArgumentException"/> naming the key) into a clean start failure.</summary>
internal static class ConnectorSettings
{
    public static T Read<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (ArgumentException error)
        {
            throw new JobConfigurationException([error.Message]);
        }
    }
}
