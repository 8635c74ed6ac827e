namespace StreamJobs.Cassandra.Protocol;

/// <summary>The server sent bytes this client cannot parse; the connection is closed rather than guessing.</summary>
internal sealed class CqlProtocolViolationException(string message) : DriverException(message);
