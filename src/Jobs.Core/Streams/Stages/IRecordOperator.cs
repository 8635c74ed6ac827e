namespace StreamJobs.Streams.Stages;

/// <summary>
/// A per-record function run by <see cref="RecordStage{TIn,TOut,TOperator}"/>. Operators are structs so the
/// JIT specializes the stage's loop for each one and inlines the call.
/// </summary>
internal interface IRecordOperator<TIn, TOut>
{
    /// <summary>Maps <paramref name="input"/>; false drops it.</summary>
    bool Apply(TIn input, out TOut output);
}
