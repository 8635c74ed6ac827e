using System.Runtime.CompilerServices;

namespace StreamJobs.Streams.Fusion;

/// <summary>Two chains run one after the other on each record.</summary>
internal readonly struct RecordThen<TA, TB, TC, TFirst, TSecond>(TFirst first, TSecond second) : IRecordChain<TA, TC>
    where TFirst : struct, IRecordChain<TA, TB>
    where TSecond : struct, IRecordChain<TB, TC>
{
    public int Steps => first.Steps + second.Steps;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Apply(TA input, out TC output)
    {
        var dropped = first.Apply(input, out var middle);
        if (dropped >= 0)
        {
            output = default!;
            return dropped;
        }
        dropped = second.Apply(middle, out output);
        return dropped < 0 ? -1 : dropped + first.Steps;
    }

    public (int Step, object? Input) Locate(TA input)
    {
        TB middle;
        try
        {
            if (first.Apply(input, out middle) >= 0) return (-1, null);
        }
        catch
        {
            return first.Locate(input);
        }
        var (step, stepInput) = second.Locate(middle);
        return step < 0 ? (-1, null) : (step + first.Steps, stepInput);
    }
}
