namespace StreamJobs.Host.Flows;

/// <summary>The UDP flow listener's settings, bound from <c>StreamJobs:Flows</c>.</summary>
internal sealed class FlowIngestOptions
{
    public const string Section = "StreamJobs:Flows";

    /// <summary>UDP port for binary flow datagrams (docs/flows.md); 0 turns the listener off.</summary>
    public int UdpPort { get; set; } = 5081;

    /// <summary>Address the listener binds; loopback unless deliberately opened.</summary>
    public string UdpAddress { get; set; } = "127.0.0.1";

    /// <summary>Socket receive buffer, bytes: the only slack UDP has while the stream is busy.</summary>
    public int ReceiveBufferBytes { get; set; } = 4 * 1024 * 1024;
}
