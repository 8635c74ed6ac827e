using System.Collections.Concurrent;
using StreamJobs.Jobs;
using StreamJobs.Streams;
using StreamJobs.TailSampler;

namespace StreamJobs.Host.Tests.Support;

/// <summary>Collects what the host publishes to <c>sampled-traces</c>, as a job like any other.</summary>
public sealed class SampledTraceCapture
{
    public ConcurrentQueue<SampledTrace> Traces { get; } = new();

    public async Task<SampledTrace> WaitForAsync(Func<SampledTrace, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < deadline)
        {
            var found = Traces.FirstOrDefault(match);
            if (found is not null) return found;
            await Task.Delay(20);
        }
        throw new TimeoutException($"no matching sampled trace among {Traces.Count}");
    }

    public sealed class Job(SampledTraceCapture capture) : StreamJob
    {
        public override JobGraph Build(JobContext context) =>
            context.Subscribe<SampledTrace>("sampled-traces").To(Sink.ForEach<SampledTrace>(capture.Traces.Enqueue));
    }
}
