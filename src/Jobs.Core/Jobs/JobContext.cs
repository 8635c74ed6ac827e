using Microsoft.Extensions.Logging;
using StreamJobs.NamedStreams;
using StreamJobs.Streams;

namespace StreamJobs.Jobs;

/// <summary>What a job sees while it builds its graph.</summary>
public sealed class JobContext
{
    /// <summary>Creates a context; the runtime does this, tests and local runs may too.</summary>
    public JobContext(string name, NamedStreamRegistry streams, IServiceProvider services, TimeProvider time, ILoggerFactory loggerFactory, object? parameters = null)
    {
        Name = name;
        Streams = streams;
        Services = services;
        Time = time;
        Logger = loggerFactory.CreateLogger("StreamJobs.Job." + name);
        Parameters = parameters;
    }

    /// <summary>A context for running a job locally (a <c>Main</c>, a notebook): no services, the system clock, no logging.</summary>
    public JobContext(string name, NamedStreamRegistry streams, object? parameters = null)
        : this(name, streams, EmptyServices.Instance, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance, parameters)
    {
    }

    /// <summary>The job's name.</summary>
    public string Name { get; }

    /// <summary>The process's named streams.</summary>
    public NamedStreamRegistry Streams { get; }

    /// <summary>The host's services.</summary>
    public IServiceProvider Services { get; }

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; }

    /// <summary>The job's logger.</summary>
    public ILogger Logger { get; }

    /// <summary>The bound, validated parameters (null for jobs without).</summary>
    public object? Parameters { get; }

    /// <summary>A source of the named stream <paramref name="stream"/>: the way to chain this job after another.</summary>
    public Source<T, NotUsed> Subscribe<T>(string stream) => Streams.Stream<T>(stream).Subscribe();

    /// <summary>
    /// A source of the named stream <paramref name="stream"/>. With <paramref name="completesReceipts"/>, this job
    /// completes the receipts of what it takes (itself or through the jobs after it), and its source commits a record
    /// only once every such subscriber finished with it (<see cref="NamedStream{T}.Subscribe(int?, bool)"/>).
    /// </summary>
    public Source<T, NotUsed> Subscribe<T>(string stream, bool completesReceipts) => Streams.Stream<T>(stream).Subscribe(null, completesReceipts);

    /// <summary>A sink publishing to the named stream <paramref name="stream"/>, for other jobs, sinks and taps.</summary>
    public Sink<T, Task> Publish<T>(string stream) => Streams.Stream<T>(stream).Publish();
}
