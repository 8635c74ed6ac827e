using System.Runtime.CompilerServices;

namespace StreamJobs.Streams.Fusion;

/// <summary>Two chains run one after the other on each record.</summary>
internal readonly struct RecordThen<TA, TB, TC, TFirst, TSecond>(TFirst first, TSecond second, int firstSteps) : IRecordChain<TA, TC>
    where TFirst : struct, IRecordChain<TA, TB>
    where TSecond : struct, IRecordChain<TB, TC>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Apply(TA input, out TC output, ref int step)
    {
        if (!first.Apply(input, out var middle, ref step))
        {
            output = default!;
            return false;
        }
        step++;
        return second.Apply(middle, out output, ref step);
    }

    public object? InputOf(TA input, int step)
    {
        if (step < firstSteps) return first.InputOf(input, step);
        var passed = 0;
        return first.Apply(input, out var middle, ref passed) ? second.InputOf(middle, step - firstSteps) : null;
    }
}
