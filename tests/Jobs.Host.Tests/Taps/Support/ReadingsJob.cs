using StreamJobs.Jobs;
using StreamJobs.Streams;

namespace StreamJobs.Host.Tests.Taps.Support;

/// <summary>Publishes readings to <c>readings</c> at about 100 batches a second, for ever.</summary>
public sealed class ReadingsJob : StreamJob
{
    public override JobGraph Build(JobContext context)
    {
        long seq = 0;
        return Source.Generate<Reading>(async (buffer, stopping) =>
        {
            await Task.Delay(10, stopping);
            for (var i = 0; i < buffer.Length; i++) buffer[i] = Reading.Number(seq++);
            return buffer.Length;
        }).To(context.Publish<Reading>("readings"));
    }
}
