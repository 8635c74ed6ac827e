using Akka.Actor;
using Akka.Actor.Internal;
using Akka.TestKit;

namespace StreamJobs.TestKit;

/// <summary>Akka's test kit on the harness's actor system, so Akka.Streams.TestKit probes can be made without a test framework.</summary>
internal sealed class HarnessTestKit : TestKitBase
{
    private HarnessTestKit(ActorSystem system)
        : base(new PlainAssertions(), system)
    {
    }

    /// <summary>
    /// Creates the test kit on <paramref name="system"/>. Akka's test kit installs its own synchronization context and
    /// implicit sender on the calling thread; both are put back, so the test's framework keeps its own.
    /// </summary>
    public static HarnessTestKit Create(ActorSystem system)
    {
        var context = SynchronizationContext.Current;
        var cell = InternalCurrentActorCellKeeper.Current;
        try
        {
            return new HarnessTestKit(system);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(context);
            InternalCurrentActorCellKeeper.Current = cell;
        }
    }
}
