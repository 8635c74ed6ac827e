namespace StreamJobs.Streams.Fusion;

/// <summary>
/// Adjacent record steps composed into one function, so a fused stage makes one pass over a batch and a record stays
/// in registers from the first step to the last. Implementations are structs: the JIT specializes and inlines them.
/// </summary>
internal interface IRecordChain<TIn, TOut>
{
    /// <summary>
    /// Runs every step on <paramref name="input"/>; false when a step dropped it. <paramref name="step"/> counts the
    /// steps passed, so on a drop or a throw it names the step responsible.
    /// </summary>
    bool Apply(TIn input, out TOut output, ref int step);

    /// <summary>The input of step <paramref name="step"/> for <paramref name="input"/>, rerunning the steps before it (which are pure).</summary>
    object? InputOf(TIn input, int step);
}
