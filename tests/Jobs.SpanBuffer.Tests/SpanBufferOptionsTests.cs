using Xunit;

namespace StreamJobs.SpanBuffer.Tests;

public class SpanBufferOptionsTests
{
    [Fact]
    public void Defaults_are_valid()
    {
        var options = new SpanBufferOptions();
        options.Validate();
        Assert.Equal(TimeSpan.FromSeconds(5), options.QuietWait);
        Assert.Equal(TimeSpan.FromSeconds(30), options.MaxTraceAge);
    }

    [Theory]
    [InlineData(nameof(SpanBufferOptions.QuietWait))]
    [InlineData(nameof(SpanBufferOptions.MaxTraceAge))]
    [InlineData(nameof(SpanBufferOptions.MaxTraces))]
    [InlineData(nameof(SpanBufferOptions.MaxBytes))]
    [InlineData(nameof(SpanBufferOptions.MaxSpansPerTrace))]
    public void Each_bad_option_is_named(string option)
    {
        var options = new SpanBufferOptions();
        switch (option)
        {
            case nameof(SpanBufferOptions.QuietWait): options.QuietWait = TimeSpan.FromMinutes(1); break;
            case nameof(SpanBufferOptions.MaxTraceAge): options.MaxTraceAge = TimeSpan.Zero; break;
            case nameof(SpanBufferOptions.MaxTraces): options.MaxTraces = 0; break;
            case nameof(SpanBufferOptions.MaxBytes): options.MaxBytes = 10; break;
            default: options.MaxSpansPerTrace = 0; break;
        }

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new TraceBuffer(options));
        Assert.Equal(option, ex.ParamName);
        Assert.Contains(option, ex.Message);
    }
}
