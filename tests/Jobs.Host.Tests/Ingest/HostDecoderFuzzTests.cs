using System.Text;
using StreamJobs.FlowEnricher.Ownership;
using StreamJobs.Host.Flows;
using StreamJobs.Telemetry.Ingest;
using StreamJobs.Tests.Shared;

namespace StreamJobs.Host.Tests.Ingest;

/// <summary>
/// A seeded, time-bounded (2 s; STREAMJOBS_FUZZ_SECONDS, STREAMJOBS_FUZZ_SEED to replay) mutation loop over the host's own
/// ownership decoder: no exception escapes, errors kept stay within the cap, rejected never exceeds records seen.
/// </summary>
public sealed class HostDecoderFuzzTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly byte[] Sample = Encoding.UTF8.GetBytes(
        """[{"ip":"10.0.0.7","workload":"checkout","timestampMs":1700000000000,"change":"assigned"},{"ip":"::1","workload":"db","timestampMs":1,"change":"unassigned"}]""");

    [Fact]
    public void Ownership_json()
    {
        var limits = new IngestLimits { MaxErrors = 10, MaxRecords = 1_000 };
        var mutator = BodyMutator.Create();
        int runs = mutator.Run([Sample], bytes =>
        {
            var events = new List<OwnershipEvent>();
            var report = new ParseReport<IngestError>(limits);
            OwnershipJsonDecoder.Decode(bytes, events, report);
            Assert.True(report.Errors.Count <= limits.MaxErrors);
            Assert.True(report.Rejected <= report.Records && events.Count + report.Rejected <= report.Records);
        });
        output.WriteLine($"{runs} mutated bodies, seed {mutator.Seed}");
    }
}
