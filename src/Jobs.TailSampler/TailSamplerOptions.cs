using Microsoft.Extensions.Configuration;

namespace StreamJobs.TailSampler;

/// <summary>Tail-sampling configuration, typically bound from a <c>TailSampler</c> configuration section.</summary>
public sealed class TailSamplerOptions
{
    /// <summary>Top-level policies. Drop policies are checked first, then keep policies in order.</summary>
    public List<TracePolicyOptions> Policies { get; set; } = [];

    /// <summary>How many recent decisions are remembered so late spans follow their trace's decision. Default 100,000; 1 .. 10,000,000.</summary>
    public int DecisionCacheSize { get; set; } = 100_000;

    /// <summary>Binds options from a configuration section (e.g. <c>configuration.GetSection("TailSampler")</c>).</summary>
    public static TailSamplerOptions FromConfiguration(IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return section.Get<TailSamplerOptions>() ?? new TailSamplerOptions();
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> when <see cref="DecisionCacheSize"/> is out of range.</summary>
    public void Validate()
    {
        if (DecisionCacheSize is < 1 or > 10_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(DecisionCacheSize), DecisionCacheSize, $"{nameof(DecisionCacheSize)} must be between 1 and 10,000,000");
        }
    }
}
