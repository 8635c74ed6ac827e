using System.Diagnostics;
using System.Runtime.CompilerServices;
using StreamJobs.Streams;

namespace StreamJobs.Benchmarks;

/// <summary>A pipeline of N cheap per-record stages through the engine, and the same work as one plain loop.</summary>
internal static class PipelineBenchmark
{
    public static async Task<RunResult> EngineAsync(long records, int stages, int batchSize, bool async, bool structOperators = false)
    {
        await using var materializer = new Materializer(new MaterializerSettings { BatchSize = batchSize });
        var source = Count(records);
        for (var i = 0; i < stages; i++)
        {
            source = (i % 3, structOperators) switch
            {
                (0, false) => source.Select(x => x * 3 + 1),
                (1, false) => source.Where(x => (x & 7) != 0),
                (_, false) => source.Select(x => x ^ 0x5555),
                (0, true) => source.Via(Flow.FromOperator<long, long, TimesThreePlusOne>(default)),
                (1, true) => source.Via(Flow.FromOperator<long, long, DropMultiplesOfEight>(default)),
                (_, true) => source.Via(Flow.FromOperator<long, long, FlipBits>(default)),
            };
            if (async && i == 0) source = source.Async();
        }
        long total = 0;
        var watch = Stopwatch.StartNew();
        await source.RunWith(Sink.ForEachBatch<long>((batch, _) =>
        {
            long sum = 0;
            foreach (var x in batch) sum += x;
            total += sum;
            return default;
        }), materializer);
        watch.Stop();
        return new RunResult(watch.Elapsed, total);
    }

    /// <summary>The same stages written out by hand in one loop: what the engine is measured against.</summary>
    public static RunResult HandWritten(long records, int stages) => stages switch
    {
        1 => HandWritten1(records),
        3 => HandWritten3(records),
        10 => HandWritten10(records),
        _ => throw new ArgumentOutOfRangeException(nameof(stages)),
    };

    // One method per stage count, compiled fully optimized on first call: a loop called a few times per process
    // otherwise runs as on-stack-replaced tier-0 code, whose speed swung from 117M to over 1G records/s between runs
    // of the same binary, which made the ratio column noise.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static RunResult HandWritten1(long records)
    {
        var watch = Stopwatch.StartNew();
        long total = 0;
        for (long x = 0; x < records; x++)
        {
            var value = x;
            if (Select1(ref value)) total += value;
        }
        return new RunResult(watch.Elapsed, total);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static RunResult HandWritten3(long records)
    {
        var watch = Stopwatch.StartNew();
        long total = 0;
        for (long x = 0; x < records; x++)
        {
            var value = x;
            if (Three(ref value)) total += value;
        }
        return new RunResult(watch.Elapsed, total);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static RunResult HandWritten10(long records)
    {
        var watch = Stopwatch.StartNew();
        long total = 0;
        for (long x = 0; x < records; x++)
        {
            var value = x;
            if (Three(ref value) && Three(ref value) && Three(ref value) && Select1(ref value)) total += value;
        }
        return new RunResult(watch.Elapsed, total);
    }

    private static bool Select1(ref long value)
    {
        value = value * 3 + 1;
        return true;
    }

    private static bool Three(ref long value)
    {
        value = value * 3 + 1;
        if ((value & 7) == 0) return false;
        value ^= 0x5555;
        return true;
    }

    private static Source<long, NotUsed> Count(long records)
    {
        return Source.Generate(Fill());

        BatchGenerator<long> Fill()
        {
            long next = 0;
            return (buffer, _) =>
            {
                var count = (int)Math.Min(buffer.Length, records - next);
                for (var i = 0; i < count; i++) buffer[i] = next++;
                return ValueTask.FromResult(count);
            };
        }
    }
}
