using StreamJobs.Telemetry.Spans;
using StreamJobs.TestKit;

namespace MyJob.Tests;

public sealed class SlowSpansJobTests
{
    [Fact]
    public async Task Only_spans_at_or_above_the_threshold_come_out()
    {
        await using var harness = new JobHarness(new SlowSpansJob(), new SlowSpansParameters { ThresholdMs = 100 });
        var output = harness.Output<SlowSpan>("slow-spans");
        await harness.StartAsync();
        await harness.SendAsync("spans", Span("users", 20), Span("payments", 100), Span("payments", 350));
        await harness.CompleteAsync();
        Assert.Equal([100.0, 350.0], (await output.WaitForAsync(2)).Select(s => s.DurationMs));
    }

    private static Span Span(string service, double milliseconds) => new()
    {
        TraceId = TraceId.Parse("4bf92f3577b34da6a3ce929d0e0e4736"),
        Id = SpanId.Parse("00f067aa0ba902b7"),
        ServiceName = service,
        Name = "GET /",
        DurationNanos = (long)(milliseconds * 1_000_000),
    };
}
