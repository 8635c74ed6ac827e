using System.Runtime.CompilerServices;

namespace StreamJobs.Streams.Fusion;

/// <summary>A chain of one step.</summary>
internal readonly struct RecordLeaf<TIn, TOut, TOperator>(TOperator @operator) : IRecordChain<TIn, TOut>
    where TOperator : struct, IRecordOperator<TIn, TOut>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Apply(TIn input, out TOut output, ref int step) => @operator.Apply(input, out output);

    public object? InputOf(TIn input, int step) => input;
}
