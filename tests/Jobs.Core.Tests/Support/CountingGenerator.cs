using StreamJobs.Streams;

namespace StreamJobs.Tests.Support;

/// <summary>An endless (or bounded) source of consecutive longs that counts what it has produced.</summary>
public sealed class CountingGenerator(long limit = long.MaxValue)
{
    private long _next;

    public long Produced => Interlocked.Read(ref _next);

    public Source<long, NotUsed> Source() => StreamJobs.Streams.Source.Generate<long>((buffer, stopping) =>
    {
        var count = 0;
        var next = Interlocked.Read(ref _next);
        while (count < buffer.Length && next < limit) buffer[count++] = next++;
        Interlocked.Exchange(ref _next, next);
        return ValueTask.FromResult(count);
    });
}
