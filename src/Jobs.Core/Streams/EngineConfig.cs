using Akka.Configuration;

namespace StreamJobs.Streams;

/// <summary>The Akka settings the engine runs with: quiet logs, and the host (not Akka) owns the process lifetime.</summary>
internal static class EngineConfig
{
    public static Config Akka { get; } = ConfigurationFactory.ParseString("""
        akka.loglevel = WARNING
        akka.stdout-loglevel = WARNING
        akka.log-dead-letters = off
        akka.log-dead-letters-during-shutdown = off
        akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
        akka.coordinated-shutdown.exit-clr = off
        """);
}
