namespace StreamJobs.Telemetry.Flows;

/// <summary>Outcome of decoding one datagram as a whole.</summary>
public enum FlowDatagramStatus : byte
{
    /// <summary>The header was good; records were decoded (some may have been dropped individually).</summary>
    Ok = 0,

    /// <summary>Shorter than the header: dropped.</summary>
    TooShort,

    /// <summary>The magic number is wrong: dropped.</summary>
    BadMagic,

    /// <summary>An unknown version or non-zero flags: dropped.</summary>
    UnsupportedVersion,

    /// <summary>The identity section is truncated, overruns its declared length, or holds invalid UTF-8: dropped.</summary>
    BadIdentities,

    /// <summary>The caller's buffer is smaller than the records the datagram holds: nothing decoded, not counted as malformed.</summary>
    DestinationTooSmall,
}
