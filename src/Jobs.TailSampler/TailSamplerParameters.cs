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

    /// <summary>How many parallel shards decide traces, by trace id; 0 (the default) runs one per core the process may use.</summary>
    [Description("Parallel shards of the sampler, split by trace id so late spans meet their trace's decision; 0 runs one per core the process may use. DecisionCacheSize is shared out between them; rate limits stay one budget.")]
    [Range(0, 256)]
    public int Shards { get; set; }

    /// <summary>The shards to run: <see cref="Shards"/>, or the cores the process may use (container-aware).</summary>
    public int EffectiveShards => Shards > 0 ? Shards : Environment.ProcessorCount;

    /// <summary>The options of one sampler when <paramref name="shards"/> share the decision cache.</summary>
    public TailSamplerOptions ToOptions(int shards = 1) => new()
    {
        Policies = Policies.Count == 0 ? DefaultPolicies.Create() : Policies,
        DecisionCacheSize = Math.Max(1, (DecisionCacheSize + shards - 1) / shards),
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
