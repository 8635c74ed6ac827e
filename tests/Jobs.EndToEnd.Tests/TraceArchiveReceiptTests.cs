using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using StreamJobs.EndToEnd.Tests.Support;
using StreamJobs.Host.Demo;
using StreamJobs.TailSampler;
using StreamJobs.Telemetry.Spans;
using StreamJobs.TestKit;

namespace StreamJobs.EndToEnd.Tests;

/// <summary>The demo's NDJSON trace archive as a store: receipts completed after the write, unless a trace store (Cassandra or the embedded one) owns them.</summary>
public sealed class TraceArchiveReceiptTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("streamjobs-archive-").FullName;

    [Theory]
    [InlineData(false, false, new long[] { 1, 2, 3 })]
    [InlineData(true, false, new long[0])]
    [InlineData(false, true, new long[0])]
    public async Task The_archive_completes_receipts_after_writing_only_when_it_is_the_only_store(bool cassandra, bool embedded, long[] expected)
    {
        var tracker = new CountingReceiptTracker();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["StreamJobs:Cassandra:Enabled"] = cassandra ? "true" : "false",
                ["StreamJobs:TraceStore:Enabled"] = embedded ? "true" : "false",
            })
            .Build();
        var job = new TraceArchiveJob(Options.Create(new DemoOptions { DataDirectory = _directory }), configuration);
        await using var harness = new JobHarness(job);
        await harness.StartAsync();

        var id = new TraceId(1, 2);
        var spans = Enumerable.Range(1, 3).Select(i => new Span
        {
            TraceId = id, Id = new SpanId((ulong)i), Name = "op", ServiceName = "svc", StartTimeUnixNanos = 1_000_000_000, Receipt = tracker.Issue(i),
        }).ToList();
        await harness.SendAsync(TailSamplerJob.OutputStream, new SampledTrace(Trace.Create(id, spans), "errors", Late: false));
        await harness.CompleteAsync();

        var file = Assert.Single(Directory.GetFiles(_directory, "sampled-traces*"));
        Assert.Contains(id.ToString(), await File.ReadAllTextAsync(file));
        Assert.Equal(expected, tracker.Completed);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
