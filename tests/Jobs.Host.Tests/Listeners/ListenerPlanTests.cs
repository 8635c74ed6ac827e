using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using StreamJobs.Host.Listeners;

namespace StreamJobs.Host.Tests.Listeners;

/// <summary>What <c>StreamJobs:Http:Urls</c> and <c>StreamJobs:Listeners</c> make the host bind, and the messages for wrong settings.</summary>
public sealed class ListenerPlanTests
{
    [Fact]
    public void By_default_the_operations_port_is_5080_and_the_standard_listeners_bind_both_loopbacks()
    {
        var plan = Plan();

        Assert.Equal("http://127.0.0.1:5080", Assert.Single(plan.Operations).ToString());
        Assert.Equal("http://localhost:9411", plan.Listeners[ListenerKind.Zipkin].ToString());
        Assert.Equal("http://localhost:4318", plan.Listeners[ListenerKind.OtlpHttp].ToString());
        Assert.Equal("http://localhost:4317", plan.Listeners[ListenerKind.OtlpGrpc].ToString());
        Assert.Null(plan.Note);
    }

    [Fact]
    public void A_host_whose_operations_port_was_moved_claims_no_standard_port_unless_told_to()
    {
        var plan = Plan(("StreamJobs:Http:Urls", "http://127.0.0.1:6080"), ("StreamJobs:Listeners:OtlpGrpc", "http://0.0.0.0:14317"));

        Assert.Equal(ListenerKind.OtlpGrpc, Assert.Single(plan.Listeners).Key);
        Assert.Contains("Zipkin, OtlpHttp", plan.Note);
    }

    [Theory]
    [InlineData("off")]
    [InlineData("OFF")]
    [InlineData("")]
    public void A_listener_set_off_or_empty_is_not_bound(string value)
    {
        var plan = Plan(("StreamJobs:Listeners:Zipkin", value));

        Assert.False(plan.Listeners.ContainsKey(ListenerKind.Zipkin));
        Assert.Equal(2, plan.Listeners.Count);
    }

    [Fact]
    public void Kestrel_endpoints_take_over_all_binding()
    {
        var plan = Plan(("Kestrel:Endpoints:Http:Url", "http://0.0.0.0:7000"));

        Assert.Empty(plan.Operations);
        Assert.Empty(plan.Listeners);
    }

    [Theory]
    [InlineData("StreamJobs:Listeners:Otlp", "http://127.0.0.1:4318", "StreamJobs:Listeners:Otlp is not a listener; the listeners are Zipkin, OtlpHttp, OtlpGrpc.")]
    [InlineData("StreamJobs:Listeners:Zipkin", "127.0.0.1:9411", "StreamJobs:Listeners:Zipkin: '127.0.0.1:9411' is not a URL")]
    [InlineData("StreamJobs:Listeners:Zipkin", "https://127.0.0.1:9411", "must start with http://")]
    [InlineData("StreamJobs:Listeners:Zipkin", "http://127.0.0.1", "names no port")]
    [InlineData("StreamJobs:Listeners:Zipkin", "http://127.0.0.1:9411/zipkin", "has a path")]
    [InlineData("StreamJobs:Listeners:Zipkin", "http://127.0.0.1:0", "must name its port (not 0)")]
    [InlineData("StreamJobs:Listeners:Zipkin", "http://127.0.0.1:5080", "port 5080 is already the operations port")]
    [InlineData("StreamJobs:Listeners:Zipkin", "http://127.0.0.1:4317", "StreamJobs:Listeners:OtlpGrpc: port 4317 is already StreamJobs:Listeners:Zipkin's")]
    [InlineData("StreamJobs:Http:Urls", "http://127.0.0.1:5080/ops", "StreamJobs:Http:Urls: 'http://127.0.0.1:5080/ops' has a path")]
    [InlineData("StreamJobs:Http:Urls", "http://localhost:0", "StreamJobs:Http:Urls: 'http://localhost:0' asks for a free port (0) on localhost")]
    public void A_wrong_setting_fails_with_a_message_naming_it(string key, string value, string message)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Plan((key, value)));

        Assert.Contains(error.Failures, f => f.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void A_dedicated_port_is_told_apart_from_the_operations_port()
    {
        var plan = Plan(("StreamJobs:Listeners:Zipkin", "http://0.0.0.0:19411"));

        Assert.Equal(ListenerKind.Zipkin, plan.DedicatedTo(19411));
        Assert.Null(plan.DedicatedTo(5080));
    }

    private static ListenerPlan Plan(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        return ListenerPlan.Read(configuration, StreamJobsHost.DefaultUrls);
    }
}
