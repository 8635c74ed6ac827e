using System.Text;
using StreamJobs.FlowEnricher.Ownership;
using StreamJobs.Host.Flows;
using StreamJobs.Telemetry.Ingest;

namespace StreamJobs.Host.Tests.Ingest;

/// <summary>
/// A seeded, time-bounded (2 s; STREAMJOBS_FUZZ_SECONDS, STREAMJOBS_FUZZ_SEED to replay) mutation loop over the host's own
/// ownership decoder: no exception escapes, errors kept stay within the cap, rejected never exceeds records seen.
/// </summary>
public sealed class HostDecoderFuzzTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly byte[] Sample = Encoding.UTF8.GetBytes(
        """[{"ip":"10.0.0.7","workload":"checkout","timestampMs":1700000000000,"change":"assigned"},{"ip":"::1","workload":"db","timestampMs":1,"change":"unassigned"}]""");

    private static readonly byte[][] Tokens =
        [[0xFF], [0xC3], "\\ud800"u8.ToArray(), "{"u8.ToArray(), "["u8.ToArray(), "]"u8.ToArray(), "\""u8.ToArray(), "1e999"u8.ToArray(), ","u8.ToArray(), "{}"u8.ToArray()];

    [Fact]
    public void Ownership_json()
    {
        int seed = int.TryParse(Environment.GetEnvironmentVariable("STREAMJOBS_FUZZ_SEED"), out var s) ? s : Random.Shared.Next();
        var seconds = double.TryParse(Environment.GetEnvironmentVariable("STREAMJOBS_FUZZ_SECONDS"), out var t) ? t : 2;
        var random = new Random(seed);
        var limits = new IngestLimits { MaxErrors = 10, MaxRecords = 1_000 };
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        int runs = 0;
        do
        {
            var body = new List<byte>(Sample);
            for (int edit = random.Next(1, 5); edit > 0; edit--)
            {
                int at = random.Next(body.Count + 1);
                switch (random.Next(5))
                {
                    case 0 when at < body.Count: body[at] ^= (byte)(1 << random.Next(8)); break;
                    case 1: body.RemoveRange(at, body.Count - at); break;
                    case 2 when at < body.Count: var seg = body.GetRange(at, Math.Min(40, body.Count - at)); for (int c = random.Next(1, 30); c > 0; c--) body.InsertRange(at, seg); break;
                    case 3: body.InsertRange(at, Encoding.ASCII.GetBytes(new string('[', random.Next(1, 200)))); break;
                    default: body.InsertRange(at, Tokens[random.Next(Tokens.Length)]); break;
                }
            }

            var bytes = body.ToArray();
            try
            {
                var events = new List<OwnershipEvent>();
                var report = new ParseReport<IngestError>(limits);
                OwnershipJsonDecoder.Decode(bytes, events, report);
                Assert.True(report.Errors.Count <= limits.MaxErrors);
                Assert.True(report.Rejected <= report.Records && events.Count + report.Rejected <= report.Records);
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"fuzz failure (replay with STREAMJOBS_FUZZ_SEED={seed}), run {runs}: {Convert.ToHexString(bytes.AsSpan(0, Math.Min(bytes.Length, 256)))}\n{e}");
            }

            runs++;
        }
        while (DateTime.UtcNow < deadline);
        output.WriteLine($"{runs} mutated bodies, seed {seed}");
    }
}
