using StreamJobs.Streams;
using StreamJobs.Streams.Stages;

namespace StreamJobs.Acknowledgement;

/// <summary>Builds sinks over <see cref="AcknowledgingSinkLogic{T}"/>.</summary>
public static class AcknowledgingSink
{
    /// <summary>
    /// A sink that runs a new logic from <paramref name="create"/> per materialization. It materializes to a task
    /// that completes with the stream, after <see cref="AcknowledgingSinkLogic{T}.FlushAsync"/>;
    /// <see cref="AcknowledgingSinkLogic{T}.Close"/> runs afterwards in every case.
    /// </summary>
    public static Sink<T, Task> Create<T, TLogic>(Func<TLogic> create, string name)
        where TLogic : AcknowledgingSinkLogic<T>
    {
        ArgumentNullException.ThrowIfNull(create);
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new Sink<T, Task>((scope, attributes) =>
        {
            var logic = create();
            var stage = new BatchSink<T>(logic.WriteAsync, logic.FlushAsync, scope, scope.Stage(attributes, name, Metrics.StageKind.Sink));
            logic.Bind(scope, stage.Metrics);
            var closed = stage.Completion.ContinueWith(static (done, state) =>
            {
                ((AcknowledgingSinkLogic<T>)state!).Close();
                done.GetAwaiter().GetResult();
            }, logic, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return (Akka.Streams.Dsl.Sink.FromGraph(stage), closed);
        });
    }
}
