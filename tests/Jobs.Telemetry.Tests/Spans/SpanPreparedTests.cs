using System.Text.Json;
using OpenTelemetry.Proto.Collector.Trace.V1;
using StreamJobs.Telemetry.Ingest;
using StreamJobs.Telemetry.Otlp;
using StreamJobs.Telemetry.Spans;
using StreamJobs.Telemetry.Tests.Ingest;
using StreamJobs.Telemetry.Zipkin;
using Xunit;
using Span = StreamJobs.Telemetry.Spans.Span;

namespace StreamJobs.Telemetry.Tests.Spans;

/// <summary>
/// Every reader takes a span's size estimate and the trace rules' flags as it builds the span (its tags are in the CPU
/// cache then), and what it takes early is what the span would give when asked later. (The OTLP samples carry an
/// error status, an HTTP 503 and a retry event, so the flags compared are not all empty.)
/// </summary>
[Collection(StreamJobs.Telemetry.Tests.Support.SharedTextCollection.Name)]
public sealed class SpanPreparedTests
{
    public static TheoryData<string> Readers => ["zipkin", "otlp-wire", "otlp-messages", "otlp-json"];

    [Theory]
    [MemberData(nameof(Readers))]
    public void Readers_take_the_estimate_and_the_rules_flags_as_they_build_each_span(string reader)
    {
        var spans = Read(reader);

        Assert.NotEmpty(spans);
        Assert.All(spans, span => Assert.True(span.HasSizeEstimate, $"{reader} left the estimate to the buffer"));
        Assert.All(spans, span => Assert.True(span.HasRuleFlags, $"{reader} left the rules to the buffer"));
        Assert.All(spans, span => Assert.Equal(Copy(span).EstimateSizeBytes(), span.EstimateSizeBytes()));
        Assert.All(spans, span => Assert.Equal(TraceClassifier.Evaluate(span), TraceClassifier.Flags(span)));
    }

    [Fact]
    public void The_rules_flags_are_evaluated_once_and_kept()
    {
        var tags = new List<SpanAttribute> { new("error", AttributeValue.FromString("boom")) };
        var span = Copy(Read("zipkin")[0], tags);
        Assert.False(span.HasRuleFlags);

        Assert.True(TraceClassifier.IsError(span));
        Assert.True(span.HasRuleFlags);
        // Kept: a tag list changed behind the span's back is not evaluated again (a span is immutable; the readers
        // never change a list they handed over).
        tags.Clear();
        Assert.True(TraceClassifier.IsError(span));
        Assert.False(TraceClassifier.IsError(Copy(span, [])));
    }

    [Fact]
    public void A_span_built_by_hand_is_estimated_when_first_asked_and_keeps_the_figure()
    {
        var tags = new List<SpanAttribute>(Read("zipkin")[0].Attributes);
        var span = Copy(Read("zipkin")[0], tags);
        Assert.False(span.HasSizeEstimate);

        var first = span.EstimateSizeBytes();

        Assert.True(span.HasSizeEstimate);
        tags.Add(new SpanAttribute("added.later", AttributeValue.FromString(new string('x', 500))));
        Assert.Equal(first, span.EstimateSizeBytes());
        Assert.True(Copy(span).EstimateSizeBytes() >= first + 1000, "the added tag counts in a span that has not taken its estimate yet");
        // Tags count: the same span without them is smaller by at least their key and value characters.
        tags.RemoveAt(tags.Count - 1);
        var bare = Copy(span, []);
        var tagChars = tags.Sum(a => a.Key.Length + (a.Value.AsString?.Length ?? 0));
        Assert.True(first - bare.EstimateSizeBytes() >= 2 * tagChars, $"{first} against {bare.EstimateSizeBytes()} without tags");
    }

    private static List<Span> Read(string reader)
    {
        var spans = new List<Span>();
        var report = new ParseReport<SpanParseError>();
        switch (reader)
        {
            case "zipkin":
                ZipkinJsonParser.Parse(IngestSamples.Zipkin, spans, report);
                break;
            case "otlp-wire":
                Assert.True(OtlpWireDecoder.TryDecode(IngestSamples.OtlpProtobuf(), spans, report, out _));
                break;
            case "otlp-messages":
                OtlpProtoMapper.Map(ExportTraceServiceRequest.Parser.ParseFrom(IngestSamples.OtlpProtobuf()), spans, report);
                break;
            case "otlp-json":
                using (var document = JsonDocument.Parse(IngestSamples.OtlpJsonBytes)) OtlpJsonMapper.Map(document.RootElement, spans, report);
                break;
        }
        Assert.Equal(0, report.Rejected);
        return spans;
    }

    private static Span Copy(Span span, IReadOnlyList<SpanAttribute>? attributes = null) => new()
    {
        TraceId = span.TraceId,
        Id = span.Id,
        ParentId = span.ParentId,
        Name = span.Name,
        Kind = span.Kind,
        ServiceName = span.ServiceName,
        StartTimeUnixNanos = span.StartTimeUnixNanos,
        DurationNanos = span.DurationNanos,
        LocalEndpoint = span.LocalEndpoint,
        RemoteEndpoint = span.RemoteEndpoint,
        Attributes = attributes ?? span.Attributes,
        Events = span.Events,
        Debug = span.Debug,
        Shared = span.Shared,
        Sampled = span.Sampled,
        Status = span.Status,
        StatusMessage = span.StatusMessage,
    };
}
