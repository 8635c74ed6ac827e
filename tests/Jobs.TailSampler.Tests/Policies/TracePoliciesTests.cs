using StreamJobs.TailSampler.Policies;
using StreamJobs.TailSampler.Tests.Support;
using StreamJobs.Telemetry.Spans;
using Xunit;

namespace StreamJobs.TailSampler.Tests.Policies;

public class TracePoliciesTests
{
    private readonly TracePolicyFactory _factory = new();

    private ITracePolicy Create(TracePolicyOptions options) => _factory.Create(options);

    [Fact]
    public void Error_warning_and_retry_policies_read_the_trace_flags()
    {
        ITracePolicy error = Create(new() { Type = "error" });
        ITracePolicy warning = Create(new() { Type = "Warning" });
        ITracePolicy retry = Create(new() { Type = "retry" });
        Trace failed = Traces.Make(tags: [new("http.status_code", "500")]);
        Trace warned = Traces.Make(tags: [new("log.level", "warn")]);
        Trace retried = Traces.Make(tags: [new("retry.count", "1")]);
        Trace plain = Traces.Make();

        Assert.True(error.Matches(failed));
        Assert.False(error.Matches(plain));
        Assert.True(warning.Matches(warned));
        Assert.False(warning.Matches(failed));
        Assert.True(retry.Matches(retried));
        Assert.False(retry.Matches(warned));
        Assert.Equal("error", error.Name);
    }

    [Fact]
    public void Latency_keeps_traces_at_or_above_the_threshold()
    {
        ITracePolicy slow = Create(new() { Type = "latency", Name = "slow", ThresholdMs = 500 });

        Assert.True(slow.Matches(Traces.Make(durationMs: 500)));
        Assert.False(slow.Matches(Traces.Make(durationMs: 499)));
        Assert.Equal("slow", slow.Name);
    }

    [Fact]
    public void Always_keep_matches_service_and_operation_wildcards_and_flags()
    {
        ITracePolicy keep = Create(new()
        {
            Type = "always-keep",
            Requests = [new() { Service = "pay*", Operation = "POST /charge*" }, new() { Service = "*", Operation = "* /admin/*" }],
            KeepDebug = true,
            KeepSampled = false,
        });

        Assert.True(keep.Matches(Traces.Make(service: "payments", operation: "post /charge/v2")));
        Assert.True(keep.Matches(Traces.Make(service: "edge", operation: "GET /admin/users")));
        Assert.False(keep.Matches(Traces.Make(service: "orders", operation: "POST /charge")));
        Assert.True(keep.Matches(Traces.Make(debug: true)));
        Assert.False(keep.Matches(Traces.Make(sampled: true)));
    }

    [Theory]
    [InlineData("*", "", true)]
    [InlineData("a*c", "abbbc", true)]
    [InlineData("a*c", "abbbd", false)]
    [InlineData("*b*", "abc", true)]
    [InlineData("abc", "ABC", true)]
    [InlineData("a*", "", false)]
    public void Wildcards(string pattern, string text, bool expected)
    {
        Assert.Equal(expected, new WildcardPattern(pattern).IsMatch(text));
    }

    [Fact]
    public void Probabilistic_keeps_about_the_share_and_agrees_across_instances()
    {
        ITracePolicy a = new TracePolicyFactory().Create(new() { Type = "probabilistic", Percentage = 10 });
        ITracePolicy b = new TracePolicyFactory().Create(new() { Type = "probabilistic", Percentage = 10 });
        int kept = 0;
        for (int i = 0; i < 20_000; i++)
        {
            Trace trace = Traces.Make();
            bool decision = a.Matches(trace);
            Assert.Equal(decision, b.Matches(Trace.Create(trace.TraceId, trace.Spans)));
            kept += decision ? 1 : 0;
        }

        Assert.InRange(kept, 1700, 2300);
        Assert.False(Create(new() { Type = "probabilistic", Percentage = 0 }).Matches(Traces.Make()));
        Assert.True(Create(new() { Type = "probabilistic", Percentage = 100 }).Matches(Traces.Make(id: new TraceId(ulong.MaxValue, ulong.MaxValue))));
    }

    [Fact]
    public void Rate_limit_is_per_root_service_and_refills_with_time()
    {
        var time = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        ITracePolicy limit = new TracePolicyFactory(time).Create(new() { Type = "rate-limit", TracesPerSecond = 2, Burst = 2 });

        Assert.True(limit.Matches(Traces.Make(service: "edge")));
        Assert.True(limit.Matches(Traces.Make(service: "edge")));
        Assert.False(limit.Matches(Traces.Make(service: "edge")));
        Assert.True(limit.Matches(Traces.Make(service: "batch")));

        time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.True(limit.Matches(Traces.Make(service: "edge")));
        Assert.False(limit.Matches(Traces.Make(service: "edge")));

        time.Advance(TimeSpan.FromSeconds(10));
        Assert.True(limit.Matches(Traces.Make(service: "edge")));
        Assert.True(limit.Matches(Traces.Make(service: "edge")));
        Assert.False(limit.Matches(Traces.Make(service: "edge")));
    }

    [Fact]
    public void Composition_any_all_and_not()
    {
        var slowErrors = new TracePolicyOptions
        {
            Type = "all-of",
            Policies = [new() { Type = "error" }, new() { Type = "latency", ThresholdMs = 100 }],
        };
        var notHealth = new TracePolicyOptions
        {
            Type = "not",
            Policies = [new() { Type = "always-keep", KeepDebug = false, Requests = [new() { Operation = "GET /health" }] }],
        };
        ITracePolicy all = Create(slowErrors);
        ITracePolicy any = Create(new() { Type = "any-of", Policies = [new() { Type = "retry" }, slowErrors] });
        ITracePolicy not = Create(notHealth);

        Trace slowError = Traces.Make(durationMs: 200, tags: [new("error", "x")]);
        Trace fastError = Traces.Make(durationMs: 5, tags: [new("error", "x")]);
        Trace retried = Traces.Make(tags: [new("retry", "true")]);
        Assert.True(all.Matches(slowError));
        Assert.False(all.Matches(fastError));
        Assert.True(any.Matches(retried));
        Assert.True(any.Matches(slowError));
        Assert.False(any.Matches(fastError));
        Assert.False(not.Matches(Traces.Make(operation: "GET /health")));
        Assert.True(not.Matches(Traces.Make(operation: "GET /cart")));
    }
}
