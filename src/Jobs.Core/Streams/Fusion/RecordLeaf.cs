using System.Runtime.CompilerServices;

namespace StreamJobs.Streams.Fusion;

/// <summary>A chain of one step.</summary>
internal readonly struct RecordLeaf<TIn, TOut, TOperator>(TOperator @operator) : IRecordChain<TIn, TOut>
    where TOperator : struct, IRecordOperator<TIn, TOut>
{
    public int Steps => 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Apply(TIn input, out TOut output) => @operator.Apply(input, out output) ? -1 : 0;

    public (int Step, object? Input) Locate(TIn input)
    {
        try
        {
            @operator.Apply(input, out _);
            return (-1, null);
        }
        catch
        {
            return (0, input);
        }
    }
}
