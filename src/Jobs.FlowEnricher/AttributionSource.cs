namespace StreamJobs.FlowEnricher;

/// <summary>How one end of a flow was attributed.</summary>
public enum AttributionSource : byte
{
    /// <summary>Not attributed: no evidence covered the flow's start in time (never guessed).</summary>
    Unknown = 0,

    /// <summary>An ownership range from assignment events (possibly also confirmed by heartbeats).</summary>
    Range,

    /// <summary>A heartbeat: the flow's own local identity, or a range learned from other flows' identities.</summary>
    Heartbeat,

    /// <summary>A CIDR block owned as a whole.</summary>
    Cidr,
}
