namespace StreamJobs.Cassandra;

/// <summary>Kinds of BATCH; the values are the protocol's codes.</summary>
public enum BatchType : byte
{
    /// <summary>Atomic through the batch log (slower; the default, as in the DataStax driver).</summary>
    Logged = 0,

    /// <summary>No batch log: cheaper, not atomic across partitions.</summary>
    Unlogged = 1,

    /// <summary>Counter updates only.</summary>
    Counter = 2,
}
