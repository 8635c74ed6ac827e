namespace StreamJobs.Telemetry.Flows;

/// <summary>Which side of the connection the local end is.</summary>
public enum FlowDirection : byte
{
    /// <summary>The exporter could not tell.</summary>
    Unknown = 0,

    /// <summary>The local end opened the connection.</summary>
    Client = 1,

    /// <summary>The local end accepted the connection.</summary>
    Server = 2,
}
