namespace StreamJobs.Cassandra;

/// <summary>CQL native protocol versions this client speaks.</summary>
public enum ProtocolVersion : byte
{
    /// <summary>Protocol v3 (Cassandra 2.1 and later).</summary>
    V3 = 3,

    /// <summary>Protocol v4 (Cassandra 2.2 and later).</summary>
    V4 = 4,
}
