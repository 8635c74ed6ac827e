namespace StreamJobs.TailSampler;

/// <summary>What a matching top-level policy does.</summary>
public enum PolicyAction
{
    /// <summary>Keep the trace (first matching keep policy wins).</summary>
    Keep = 0,

    /// <summary>Drop the trace; drop policies are checked before any keep policy.</summary>
    Drop,
}
