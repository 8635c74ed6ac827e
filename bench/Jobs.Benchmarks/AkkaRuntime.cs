using Akka.Actor;
using Akka.Configuration;
using Akka.Streams;

namespace StreamJobs.Benchmarks;

/// <summary>The one actor system and materializer the Akka.Streams peers share for the whole process.</summary>
internal sealed class AkkaRuntime : IAsyncDisposable
{
    private readonly ActorSystem _system;

    public AkkaRuntime()
    {
        // Warnings only: the table goes to stdout and must stay a clean markdown table.
        _system = ActorSystem.Create("bench", ConfigurationFactory.ParseString("akka.loglevel = WARNING\nakka.stdout-loglevel = WARNING"));
        Materializer = _system.Materializer();
    }

    public ActorMaterializer Materializer { get; }

    public async ValueTask DisposeAsync()
    {
        Materializer.Dispose();
        await _system.Terminate();
    }
}
