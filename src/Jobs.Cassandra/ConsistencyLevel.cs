namespace StreamJobs.Cassandra;

/// <summary>Consistency levels; the values are the protocol's codes.</summary>
public enum ConsistencyLevel : short
{
    /// <summary>Any node, hinted handoff counts (writes only).</summary>
    Any = 0x0000,

    /// <summary>One replica.</summary>
    One = 0x0001,

    /// <summary>Two replicas.</summary>
    Two = 0x0002,

    /// <summary>Three replicas.</summary>
    Three = 0x0003,

    /// <summary>A majority of replicas across all data centers.</summary>
    Quorum = 0x0004,

    /// <summary>All replicas.</summary>
    All = 0x0005,

    /// <summary>A majority of replicas in the local data center.</summary>
    LocalQuorum = 0x0006,

    /// <summary>A majority of replicas in each data center.</summary>
    EachQuorum = 0x0007,

    /// <summary>Paxos serial consistency (lightweight transactions).</summary>
    Serial = 0x0008,

    /// <summary>Paxos serial consistency within the local data center.</summary>
    LocalSerial = 0x0009,

    /// <summary>One replica in the local data center.</summary>
    LocalOne = 0x000A,
}
