namespace StreamJobs.Benchmarks;

/// <summary>The benchmark's steps as loops over one batch, each into a new array, for the batched peers.</summary>
internal static class BatchStages
{
    /// <summary>Records 0..records-1 in batches, each a new array that nobody writes after it is handed on.</summary>
    public static IEnumerable<ArraySegment<long>> Count(long records, int batchSize)
    {
        for (long next = 0; next < records;)
        {
            var batch = new long[(int)Math.Min(batchSize, records - next)];
            for (var i = 0; i < batch.Length; i++) batch[i] = next++;
            yield return batch;
        }
    }

    public static ArraySegment<long> TimesThreePlusOne(ArraySegment<long> input)
    {
        var output = new long[input.Count];
        var span = input.AsSpan();
        for (var i = 0; i < span.Length; i++) output[i] = span[i] * 3 + 1;
        return output;
    }

    public static ArraySegment<long> DropMultiplesOfEight(ArraySegment<long> input)
    {
        var output = new long[input.Count];
        var kept = 0;
        foreach (var x in input.AsSpan())
        {
            if ((x & 7) != 0) output[kept++] = x;
        }
        return new ArraySegment<long>(output, 0, kept);
    }

    public static ArraySegment<long> FlipBits(ArraySegment<long> input)
    {
        var output = new long[input.Count];
        var span = input.AsSpan();
        for (var i = 0; i < span.Length; i++) output[i] = span[i] ^ 0x5555;
        return output;
    }

    public static long Sum(ArraySegment<long> batch)
    {
        long sum = 0;
        foreach (var x in batch.AsSpan()) sum += x;
        return sum;
    }
}
