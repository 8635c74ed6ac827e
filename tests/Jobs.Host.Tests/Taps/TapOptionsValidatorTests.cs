using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using StreamJobs.Host.Taps;
using StreamJobs.Host.Tests.Taps.Support;

namespace StreamJobs.Host.Tests.Taps;

public sealed class TapOptionsValidatorTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5080", true)]
    [InlineData("http://localhost:5080", true)]
    [InlineData("http://[::1]:5080;http://127.0.0.1:5081", true)]
    [InlineData("http://0.0.0.0:5080", false)]
    [InlineData("http://*:5080", false)]
    [InlineData("http://127.0.0.1:5080;http://10.1.2.3:5080", false)]
    public void Without_a_token_only_loopback_urls_are_accepted(string urls, bool valid)
    {
        var result = Validate(urls, new TapOptions());

        Assert.Equal(valid, result.Succeeded);
        if (!valid) Assert.Contains("StreamJobs:Taps:Token is required because StreamJobs:Http:Urls binds", result.FailureMessage);
    }

    [Fact]
    public void With_a_token_any_address_is_accepted_and_bad_limits_are_named()
    {
        Assert.True(Validate("http://0.0.0.0:5080", new TapOptions { Token = "t" }).Succeeded);

        var result = Validate("http://127.0.0.1:5080", new TapOptions { MaxConcurrent = 0, Replicas = ["not a url"] });
        Assert.Contains("StreamJobs:Taps:MaxConcurrent must be at least 1 but is 0.", result.FailureMessage);
        Assert.Contains("StreamJobs:Taps:Replicas: 'not a url' is not an http(s) base URL.", result.FailureMessage);
    }

    [Fact]
    public async Task The_host_refuses_to_start_on_a_non_loopback_address_without_a_token()
    {
        var port = TapTestHost.FreePort();
        await using var app = StreamJobsHost.Build([$"--StreamJobs:Http:Urls=http://0.0.0.0:{port}"], demo: false);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Contains("StreamJobs:Taps:Token is required", error.Message);
    }

    private static ValidateOptionsResult Validate(string urls, TapOptions options)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("StreamJobs:Http:Urls", urls)]).Build();
        return new TapOptionsValidator(configuration).Validate(null, options);
    }
}
