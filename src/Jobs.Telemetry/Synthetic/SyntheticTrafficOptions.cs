namespace StreamJobs.Telemetry.Synthetic;

/// <summary>Knobs for <see cref="SyntheticTraceGenerator"/>; rates are probabilities per trace (0..1).</summary>
public sealed class SyntheticTrafficOptions
{
    /// <summary>Random seed; the same seed and call sequence produce the same spans.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>Traces whose payment call fails (error tag, HTTP 503).</summary>
    public double ErrorRate { get; set; } = 0.02;

    /// <summary>Traces whose payment call is retried once after a 429.</summary>
    public double RetryRate { get; set; } = 0.05;

    /// <summary>Traces with a warning (low-stock tag on the inventory call).</summary>
    public double WarningRate { get; set; } = 0.03;

    /// <summary>Traces with the B3 debug flag on every span.</summary>
    public double DebugRate { get; set; } = 0.01;

    /// <summary>Traces marked sampled upstream (B3 sampled = 1).</summary>
    public double HeadSampledRate { get; set; } = 0.05;

    /// <summary>Traces whose payment call is 20 times slower than usual.</summary>
    public double SlowRate { get; set; } = 0.03;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first rate outside 0..1.</summary>
    public void Validate()
    {
        Check(ErrorRate, nameof(ErrorRate));
        Check(RetryRate, nameof(RetryRate));
        Check(WarningRate, nameof(WarningRate));
        Check(DebugRate, nameof(DebugRate));
        Check(HeadSampledRate, nameof(HeadSampledRate));
        Check(SlowRate, nameof(SlowRate));
    }

    private static void Check(double value, string name)
    {
        if (!(value >= 0 && value <= 1))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be between 0 and 1");
        }
    }
}
