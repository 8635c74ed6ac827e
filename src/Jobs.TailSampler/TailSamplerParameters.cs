using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace StreamJobs.TailSampler;

/// <summary>
/// Parameters of <see cref="TailSamplerJob"/>, bound from <c>StreamJobs:Jobs:tail-sampler</c>. Policies are checked
/// (types, settings, MQL expressions) before the job starts; with none configured <see cref="DefaultPolicies"/> apply.
/// </summary>
public sealed class TailSamplerParameters : IValidatableObject
{
    /// <summary>The policies, in order (see docs/sampling.md); empty means <see cref="DefaultPolicies"/>.</summary>
    [Description("Sampling policies (see docs/sampling.md); none configured means: errors, warnings, retries, latency > 1 s, debug, 10% probabilistic.")]
    public List<TracePolicyOptions> Policies { get; set; } = [];

    /// <summary>How many recent decisions are remembered so late spans follow their trace's decision.</summary>
    [Description("Recent decisions remembered so late spans follow their trace's decision.")]
    [Range(1, 10_000_000)]
    public int DecisionCacheSize { get; set; } = 100_000;

    /// <summary>The sampler options these parameters describe.</summary>
    public TailSamplerOptions ToOptions() => new()
    {
        Policies = Policies.Count == 0 ? DefaultPolicies.Create() : Policies,
        DecisionCacheSize = DecisionCacheSize,
    };

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        string? problem = null;
        try
        {
            new TracePolicyFactory().CreateRules(ToOptions());
        }
        catch (ArgumentException bad)
        {
            problem = bad.Message;
        }

        if (problem is not null) yield return new ValidationResult(problem, [nameof(Policies)]);
    }
}
