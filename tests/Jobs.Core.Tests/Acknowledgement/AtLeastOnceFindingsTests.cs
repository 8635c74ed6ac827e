using StreamJobs.Streams;
using StreamJobs.Tests.Support;

namespace StreamJobs.Tests.Acknowledgement;

/// <summary>At-least-once defects found by the audit; each test fails until the engine is fixed.</summary>
public sealed class AtLeastOnceFindingsTests
{
    // A record an engine stage dead-letters under Resume is finished with, yet nothing completes its receipt: the
    // commit stops below it for good, a drain waits its whole timeout, and once the window fills the partition pauses
    // (here the source stalls 1,024 positions after it). After a restart the record is replayed and dead-lettered again.
    [Fact]
    public async Task A_record_an_engine_stage_dead_letters_under_Resume_gets_its_receipt_completed()
    {
        var audit = new AtLeastOnceAudit(windowCapacity: 1024) { StopWait = TimeSpan.FromMilliseconds(300) };
        var settings = new MaterializerSettings { BatchSize = 64, DeadLetters = audit.DeadLetters };
        await using (var materializer = new Materializer(settings))
        {
            var done = audit.Source()
                .Select(r => r.Position == 100 ? throw new FormatException("poison record") : r)
                .WithSupervision(SupervisionStrategy.Resume)
                .RunWith(audit.Sink(), materializer);
            Assert.True(await Eventually.HoldsAsync(() => audit.WrittenCount >= 512));
            await materializer.ShutdownAsync().WaitAsync(TimeSpan.FromSeconds(10));
            await done.WaitAsync(TimeSpan.FromSeconds(1));
        }
        audit.AssertHolds();
    }
}
