using StreamJobs.Streams;

namespace StreamJobs.Benchmarks;

/// <summary>The benchmark's three steps as struct operators, which the JIT can inline into the stage loop.</summary>
internal readonly struct TimesThreePlusOne : IRecordOperator<long, long>
{
    public bool Apply(long input, out long output)
    {
        output = input * 3 + 1;
        return true;
    }
}

internal readonly struct DropMultiplesOfEight : IRecordOperator<long, long>
{
    public bool Apply(long input, out long output)
    {
        output = input;
        return (input & 7) != 0;
    }
}

internal readonly struct FlipBits : IRecordOperator<long, long>
{
    public bool Apply(long input, out long output)
    {
        output = input ^ 0x5555;
        return true;
    }
}
