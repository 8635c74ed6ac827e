namespace StreamJobs.Streams;

/// <summary>
/// A per-record function as a struct, for the hottest paths: <c>Flow.FromOperator</c> runs it in the stage's loop and,
/// because the operator is a struct, the JIT specializes the loop for it and can inline <see cref="Apply"/> (a lambda
/// costs an indirect call per record instead).
/// </summary>
/// <typeparam name="TIn">The records it takes.</typeparam>
/// <typeparam name="TOut">The records it emits.</typeparam>
public interface IRecordOperator<TIn, TOut>
{
    /// <summary>Maps <paramref name="input"/> to <paramref name="output"/>; returns false to drop the record.</summary>
    bool Apply(TIn input, out TOut output);
}
