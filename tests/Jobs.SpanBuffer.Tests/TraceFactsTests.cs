using StreamJobs.SpanBuffer.Tests.Support;
using StreamJobs.Telemetry.Spans;
using Xunit;
using static StreamJobs.SpanBuffer.Tests.Support.Spans;

namespace StreamJobs.SpanBuffer.Tests;

/// <summary>
/// The buffer gathers a trace's facts span by span as the spans arrive; what it emits must be what the rules in
/// docs/spans.md give for the same spans, computed here independently, through recycled holders, released spans,
/// the span cap and evictions.
/// </summary>
public class TraceFactsTests
{
    private static readonly string[] Services = ["api", "db", "cache", "auth"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Emitted_traces_have_the_facts_of_their_spans(int seed)
    {
        var random = new Random(seed);
        var leaving = new CountingReceiptTracker();
        var staying = new CountingReceiptTracker();
        var buffer = new TraceBuffer(new SpanBufferOptions { QuietWait = TimeSpan.FromSeconds(1), MaxTraceAge = TimeSpan.FromSeconds(30), MaxTraces = 40, MaxSpansPerTrace = 4 });
        var output = new List<Trace>();
        ulong nextSpan = 1;
        var partialReleases = 0;
        for (var step = 0; step < 400; step++)
        {
            var now = T0.AddMilliseconds(100 * step);
            var batch = new Span[random.Next(1, 12)];
            for (var i = 0; i < batch.Length; i++)
            {
                batch[i] = RandomSpan(random, (ulong)random.Next(1, 60), nextSpan++);
                batch[i].Receipt = random.Next(8) == 0 ? leaving.Issue((long)nextSpan) : staying.Issue((long)nextSpan);
            }
            buffer.Add(batch, now, output);
            if (random.Next(20) == 0)
            {
                var tracesBefore = buffer.CurrentTraces;
                var released = buffer.ReleaseWhere(r => r.Tracker == leaving);
                if (released > 0 && buffer.CurrentTraces == tracesBefore) partialReleases++;
            }
            buffer.DrainDue(now, output);
        }
        buffer.DrainAll(output);

        Assert.True(output.Count > 100, $"only {output.Count} traces");
        Assert.Contains(output, t => t.HasError);
        Assert.Contains(output, t => !t.HasError);
        Assert.Contains(output, t => t.Completion == TraceCompletion.Evicted);
        Assert.Contains(output, t => t.DroppedSpanCount > 0);
        Assert.True(partialReleases > 0, "no release left a trace with some of its spans");
        foreach (var emitted in output)
        {
            var spans = emitted.Spans;
            var earliest = spans.MinBy(s => s.StartTimeUnixNanos)!;
            var root = spans.Where(s => s.ParentId is null).MinBy(s => s.StartTimeUnixNanos) ?? earliest;
            Assert.Same(root, emitted.Root);
            Assert.Equal(spans.Select(s => s.ServiceName).OfType<string>().Distinct(), emitted.Services);
            Assert.Equal(DateTimeOffset.UnixEpoch.AddTicks(earliest.StartTimeUnixNanos / 100), emitted.Start);
            Assert.Equal(TimeSpan.FromTicks((spans.Max(s => s.StartTimeUnixNanos + s.DurationNanos) - earliest.StartTimeUnixNanos) / 100), emitted.Duration);
            Assert.Equal(spans.Any(IsError), emitted.HasError);
            Assert.Equal(spans.Any(IsWarning), emitted.HasWarning);
            Assert.Equal(spans.Any(IsRetry), emitted.HasRetry);
            Assert.Equal(spans.Any(s => s.Debug), emitted.IsDebug);
            bool? sampled = spans.Any(s => s.Sampled == true || s.Debug) ? true : spans.Any(s => s.Sampled == false) ? false : null;
            Assert.Equal(sampled, emitted.IsSampled);
        }
    }

    // The rules of docs/spans.md for the tags and events RandomSpan makes.
    private static bool IsError(Span s) => s.Status == SpanStatusCode.Error || s.Attributes.Any(a =>
        (a.Key == "error" && a.Value.AsString != "false") || (a.Key == "http.status_code" && a.Value.TryGetInt64(out var code) && code >= 500));

    private static bool IsWarning(Span s) =>
        s.Attributes.Any(a => a.Key == "level" && a.Value.AsString == "WARN") || s.Events.Any(e => e.Name.StartsWith("warn", StringComparison.Ordinal));

    private static bool IsRetry(Span s) =>
        s.Attributes.Any(a => a.Key == "retry.count" && a.Value.TryGetInt64(out var n) && n > 0) || s.Events.Any(e => e.Name.Contains("retry", StringComparison.Ordinal));

    [Fact]
    public void A_reused_holder_does_not_carry_the_last_trace_s_flags_or_services()
    {
        var buffer = new TraceBuffer(new SpanBufferOptions { QuietWait = TimeSpan.FromSeconds(1), MaxTraceAge = TimeSpan.FromSeconds(30) });
        var output = new List<Trace>();
        var failed = New(1, 1, null, "api", status: SpanStatusCode.Error, debug: true);
        buffer.Add([failed], T0, output);
        buffer.DrainDue(T0.AddSeconds(1), output);
        buffer.Add([New(2, 2, 1, "db")], T0.AddSeconds(2), output);
        buffer.DrainDue(T0.AddSeconds(3), output);

        Assert.Equal(2, output.Count);
        Assert.True(output[0].HasError);
        Assert.False(output[1].HasError);
        Assert.False(output[1].IsDebug);
        Assert.Equal(["db"], output[1].Services);
        Assert.Equal(new SpanId(2), output[1].Root.Id); // no parentless span: the earliest
    }

    [Fact]
    public void Releasing_some_spans_of_a_trace_takes_their_facts_with_them()
    {
        var leaving = new CountingReceiptTracker();
        var buffer = new TraceBuffer(new SpanBufferOptions { QuietWait = TimeSpan.FromSeconds(1), MaxTraceAge = TimeSpan.FromSeconds(30) });
        var output = new List<Trace>();
        var root = New(1, 1, null, "api", tags: [new SpanAttribute("error", "true")]);
        root.Receipt = leaving.Issue(1);
        var child = New(1, 2, 1, "db");
        buffer.Add([root, child], T0, output);

        Assert.Equal(1, buffer.ReleaseWhere(r => r.Tracker == leaving));
        buffer.DrainAll(output);

        var trace = Assert.Single(output);
        Assert.False(trace.HasError);
        Assert.Equal(["db"], trace.Services);
        Assert.Same(child, trace.Root);
    }

    private static Span New(ulong trace, ulong id, ulong? parent, string service, SpanStatusCode status = SpanStatusCode.Unset, bool debug = false, SpanAttribute[]? tags = null) => new()
    {
        TraceId = Trace(trace),
        Id = new SpanId(id),
        ParentId = parent is null ? null : new SpanId(parent.Value),
        Name = "op",
        ServiceName = service,
        StartTimeUnixNanos = 1_000_000 * (long)id,
        DurationNanos = 1000,
        Status = status,
        Debug = debug,
        Attributes = tags ?? [],
    };

    private static Span RandomSpan(Random random, ulong trace, ulong id)
    {
        var tags = new List<SpanAttribute>();
        switch (random.Next(12))
        {
            case 0: tags.Add(new SpanAttribute("error", random.Next(2) == 0 ? "true" : "false")); break;
            case 1: tags.Add(new SpanAttribute("http.status_code", AttributeValue.FromInt(random.Next(2) == 0 ? 503 : 200))); break;
            case 2: tags.Add(new SpanAttribute("level", random.Next(2) == 0 ? "WARN" : "info")); break;
            case 3: tags.Add(new SpanAttribute("retry.count", AttributeValue.FromInt(random.Next(3)))); break;
        }
        var events = random.Next(15) == 0 ? new[] { new SpanEvent(1, random.Next(2) == 0 ? "warning: slow" : "retry 2") } : [];
        return new Span
        {
            TraceId = Trace(trace),
            Id = new SpanId(id),
            ParentId = random.Next(4) == 0 ? null : new SpanId((ulong)random.Next(1, 1000)),
            Name = "op",
            ServiceName = random.Next(10) == 0 ? null : Services[random.Next(Services.Length)],
            StartTimeUnixNanos = random.Next(1, 50) * 1_000_000L,
            DurationNanos = random.Next(1, 5_000_000),
            Attributes = tags.ToArray(),
            Events = events,
            Debug = random.Next(50) == 0,
            Sampled = random.Next(3) switch { 0 => true, 1 => false, _ => null },
            Status = random.Next(40) == 0 ? SpanStatusCode.Error : SpanStatusCode.Unset,
        };
    }
}
