using StreamJobs.Tests.Shared;
using StreamJobs.Telemetry.Flows;
using StreamJobs.Telemetry.Ingest;
using StreamJobs.Telemetry.Otlp;
using StreamJobs.Telemetry.Zipkin;
using Xunit;
using Xunit.Abstractions;
using Span = StreamJobs.Telemetry.Spans.Span;

namespace StreamJobs.Telemetry.Tests.Ingest;

/// <summary>
/// A time-bounded mutation loop (2 s per parser, STREAMJOBS_FUZZ_SECONDS to change, STREAMJOBS_FUZZ_SEED to replay) over
/// valid samples: whatever the body, no exception escapes, errors kept stay within the cap, and rejected records never
/// exceed the records seen.
/// </summary>
public sealed class ParserFuzzTests(ITestOutputHelper output)
{
    private static readonly IngestLimits Limits = new() { MaxErrors = 10, MaxRecords = 5_000, MaxJsonDepth = 64 };

    [Fact]
    public void Zipkin_json() => Fuzz([IngestSamples.Zipkin], body =>
    {
        var spans = new List<Span>();
        var report = new ParseReport<SpanParseError>(Limits);
        ZipkinJsonParser.Parse(body, spans, report);
        AssertBounded(report, spans.Count);
        ZipkinJsonParser.ParseNdjson(body, new List<Span>(), new List<SpanParseError>());
    });

    [Fact]
    public void Otlp_json() => Fuzz([IngestSamples.OtlpJsonBytes], body =>
    {
        var spans = new List<Span>();
        var report = new ParseReport<SpanParseError>(Limits);
        OtlpTraceParser.ParseJson(body, spans, report);
        AssertBounded(report, spans.Count);
    });

    [Fact]
    public void Otlp_protobuf() => Fuzz([IngestSamples.OtlpProtobuf()], body =>
    {
        var spans = new List<Span>();
        var report = new ParseReport<SpanParseError>(Limits);
        OtlpTraceParser.ParseProtobuf(body, spans, report);
        AssertBounded(report, spans.Count);
    });

    [Fact]
    public void Flow_json() => Fuzz([IngestSamples.FlowJson], body =>
    {
        var flows = new List<FlowRecord>();
        var report = new ParseReport<FlowJsonError>(Limits);
        new FlowJsonBatchDecoder().Decode(body, flows, report);
        AssertBounded(report, flows.Count);
    });

    [Fact]
    public void Flow_datagram()
    {
        var decoder = new FlowDatagramDecoder();
        var destination = new FlowRecord[FlowBinaryFormat.MaxRecordsPerDatagram(65_507)];
        Fuzz([IngestSamples.FlowDatagram()], body =>
        {
            var result = decoder.Decode(body, destination);
            int whole = Math.Max(0, body.Length - FlowBinaryFormat.HeaderSize) / FlowBinaryFormat.RecordSize;
            Assert.InRange(result.RecordsDecoded + result.RecordsDropped, 0, whole + 1);
        });
    }

    private static void AssertBounded<TError>(ParseReport<TError> report, int accepted)
    {
        Assert.True(report.Errors.Count <= Limits.MaxErrors, $"{report.Errors.Count} errors kept");
        Assert.True(report.Rejected <= report.Records, $"{report.Rejected} rejected of {report.Records}");
        Assert.True(accepted + report.Rejected <= report.Records, $"{accepted} accepted + {report.Rejected} rejected of {report.Records}");
        Assert.True(report.Records <= Limits.MaxRecords);
        Assert.Equal(report.Fault == BodyFault.None, EqualityComparer<TError?>.Default.Equals(report.FaultError, default));
    }

    private void Fuzz(byte[][] samples, Action<byte[]> check)
    {
        var mutator = BodyMutator.Create();
        int runs = mutator.Run(samples, check);
        output.WriteLine($"{runs} mutated bodies, seed {mutator.Seed}");
        Assert.True(runs > 0);
    }
}
