namespace StreamJobs.Cassandra.Protocol;

/// <summary>A connection could not be opened or was lost; <see cref="RequestSent"/> says whether a request may have reached the server.</summary>
internal sealed class ConnectionException(string message, bool requestSent, Exception? inner = null) : DriverException(message, inner)
{
    public bool RequestSent { get; } = requestSent;
}
