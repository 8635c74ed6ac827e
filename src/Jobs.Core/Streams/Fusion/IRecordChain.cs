namespace StreamJobs.Streams.Fusion;

/// <summary>
/// Adjacent record steps composed into one function, so a fused stage makes one pass over a batch and a record stays
/// in registers from the first step to the last. Implementations are structs: the JIT specializes and inlines them.
/// </summary>
internal interface IRecordChain<TIn, TOut>
{
    /// <summary>The number of steps.</summary>
    int Steps { get; }

    /// <summary>Runs every step on <paramref name="input"/>: -1 when the record passed them all, else the index of the step that dropped it.</summary>
    int Apply(TIn input, out TOut output);

    /// <summary>
    /// The slow path after a throw: reruns the steps (which are pure) one at a time to find the one that throws, and
    /// returns its index and its input; -1 when none throws now.
    /// </summary>
    (int Step, object? Input) Locate(TIn input);
}
