namespace StreamJobs.Mql;

/// <summary>SAMPLE strategies, as in Mantis.</summary>
public enum MqlSampleStrategy
{
    /// <summary>Keep a uniform random share of records.</summary>
    Random,

    /// <summary>Keep all records whose key values hash into the kept share: deterministic per key and salt.</summary>
    Sticky,
}
