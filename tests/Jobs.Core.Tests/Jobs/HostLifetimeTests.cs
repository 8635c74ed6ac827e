using Akka.Actor;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StreamJobs.Hosting;
using StreamJobs.Jobs;
using StreamJobs.Streams;

namespace StreamJobs.Tests.Jobs;

public sealed class HostLifetimeTests
{
    /// <summary>An endless source into a sink whose end (after the drain) takes a while, like a final flush.</summary>
    public sealed class SlowFlushJob : StreamJob
    {
        public static readonly TaskCompletionSource<DateTimeOffset> Flushed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public static long Taken;

        public override JobGraph Build(JobContext context) =>
            Source.Generate<int>(async (buffer, stopping) =>
            {
                await Task.Delay(5, CancellationToken.None);
                buffer[0] = 1;
                return 1;
            }).To(Sink.FromBatches<int>((batch, _) =>
            {
                Interlocked.Add(ref Taken, batch.Count);
                return default;
            }, async () =>
            {
                await Task.Delay(300);
                Flushed.TrySetResult(DateTimeOffset.UtcNow);
            }, "slow-flush"));
    }

    [Fact]
    public async Task The_jobs_drain_while_the_actor_system_still_runs_and_Akka_stops_after()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddStreamJobs().AddJob<SlowFlushJob>("slow-flush");
        using var host = builder.Build();
        await host.StartAsync();
        var system = host.Services.GetRequiredService<ActorSystem>();
        Assert.True(await Support.Eventually.HoldsAsync(() => Interlocked.Read(ref SlowFlushJob.Taken) > 3));

        await host.StopAsync();

        // The flush ran to its end inside the drain, and the actor system terminated only after it.
        Assert.True(SlowFlushJob.Flushed.Task.IsCompletedSuccessfully, "the sink never finished its flush: the drain was cut short");
        await system.WhenTerminated.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.All(host.Services.GetRequiredService<JobRunner>().Jobs, job => Assert.Equal(JobState.Completed, job.State));
    }
}
