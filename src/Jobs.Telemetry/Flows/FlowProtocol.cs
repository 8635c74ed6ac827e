namespace StreamJobs.Telemetry.Flows;

/// <summary>IP protocol number of a flow (IANA numbers; other values pass through unnamed).</summary>
public enum FlowProtocol : byte
{
    /// <summary>TCP (6).</summary>
    Tcp = 6,

    /// <summary>UDP (17).</summary>
    Udp = 17,
}
