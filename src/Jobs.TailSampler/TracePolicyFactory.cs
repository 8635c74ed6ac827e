using System.Collections.Concurrent;
using StreamJobs.TailSampler.Policies;

namespace StreamJobs.TailSampler;

/// <summary>
/// Turns <see cref="TracePolicyOptions"/> into policies. Built-in types are registered up front;
/// add more with <see cref="Register"/> (the extension point for, e.g., an MQL predicate policy).
/// Type names ignore case. Rate-limit policies built by one factory at the same configuration path share one budget,
/// so the shards of a sampler, each with its own policies, keep the configured rate together.
/// </summary>
public sealed class TracePolicyFactory
{
    private readonly Dictionary<string, Func<TracePolicyOptions, string, ITracePolicy>> _types = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, RateLimitBudget> _budgets = new(StringComparer.Ordinal);

    /// <summary>Creates a factory with the built-in policy types.</summary>
    /// <param name="time">Clock for rate limits; <see cref="TimeProvider.System"/> when null.</param>
    public TracePolicyFactory(TimeProvider? time = null)
    {
        TimeProvider clock = time ?? TimeProvider.System;
        _types["error"] = (o, _) => new TraceFlagPolicy(NameOf(o), TraceFlag.Error);
        _types["warning"] = (o, _) => new TraceFlagPolicy(NameOf(o), TraceFlag.Warning);
        _types["retry"] = (o, _) => new TraceFlagPolicy(NameOf(o), TraceFlag.Retry);
        _types["latency"] = (o, path) =>
        {
            Require(o.ThresholdMs > 0 && double.IsFinite(o.ThresholdMs), path, "ThresholdMs must be greater than 0");
            return new LatencyPolicy(NameOf(o), TimeSpan.FromMilliseconds(o.ThresholdMs));
        };
        _types["probabilistic"] = (o, path) =>
        {
            Require(o.Percentage is >= 0 and <= 100, path, "Percentage must be between 0 and 100");
            return new ProbabilisticPolicy(NameOf(o), o.Percentage);
        };
        _types["rate-limit"] = (o, path) =>
        {
            Require(o.TracesPerSecond > 0 && double.IsFinite(o.TracesPerSecond), path, "TracesPerSecond must be greater than 0");
            Require(o.Burst >= 0 && double.IsFinite(o.Burst), path, "Burst must be 0 (meaning TracesPerSecond) or more");
            double burst = Math.Max(1, o.Burst > 0 ? o.Burst : o.TracesPerSecond);
            var budget = _budgets.GetOrAdd(path, _ => new RateLimitBudget(o.TracesPerSecond, burst));
            return new RateLimitPolicy(NameOf(o), budget, clock);
        };
        _types["always-keep"] = (o, path) =>
        {
            Require(o.Requests.Count > 0 || o.KeepDebug || o.KeepSampled, path, "needs Requests, KeepDebug or KeepSampled");
            var patterns = new List<(WildcardPattern, WildcardPattern)>(o.Requests.Count);
            foreach (RequestPatternOptions r in o.Requests)
            {
                patterns.Add((new WildcardPattern(r.Service), new WildcardPattern(r.Operation)));
            }

            return new AlwaysKeepPolicy(NameOf(o), patterns, o.KeepDebug, o.KeepSampled);
        };
        _types["mql"] = (o, path) => MqlPolicy.Create(NameOf(o), o.Expression, path);
        _types["any-of"] = (o, path) => new AnyOfPolicy(NameOf(o), Children(o, path, atLeast: 1));
        _types["all-of"] = (o, path) => new AllOfPolicy(NameOf(o), Children(o, path, atLeast: 1));
        _types["not"] = (o, path) =>
        {
            Require(o.Policies.Count == 1, path, "not takes exactly one policy in Policies");
            return new NotPolicy(NameOf(o), Children(o, path, atLeast: 1)[0]);
        };
    }

    /// <summary>Registers (or replaces) a policy type.</summary>
    /// <param name="type">The <see cref="TracePolicyOptions.Type"/> value that selects it.</param>
    /// <param name="create">Builds the policy from its options; throw <see cref="ArgumentException"/> for bad settings.</param>
    public void Register(string type, Func<TracePolicyOptions, ITracePolicy> create)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        ArgumentNullException.ThrowIfNull(create);
        _types[type] = (o, _) => create(o);
    }

    /// <summary>Builds one policy; errors name the configuration path, e.g. <c>Policies[2] (latency)</c>.</summary>
    public ITracePolicy Create(TracePolicyOptions options, string path = "Policies[0]")
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Type) || !_types.TryGetValue(options.Type, out var create))
        {
            throw new ArgumentException($"{path}: unknown policy Type '{options.Type}'; known types: {string.Join(", ", _types.Keys.Order(StringComparer.Ordinal))}");
        }

        return create(options, path);
    }

    /// <summary>Builds the top-level rules of a sampler configuration.</summary>
    public IReadOnlyList<TracePolicyRule> CreateRules(TailSamplerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var rules = new List<TracePolicyRule>(options.Policies.Count);
        for (int i = 0; i < options.Policies.Count; i++)
        {
            TracePolicyOptions o = options.Policies[i];
            rules.Add(new TracePolicyRule(Create(o, $"Policies[{i}] ({o.Type})"), o.Action));
        }

        return rules;
    }

    private List<ITracePolicy> Children(TracePolicyOptions options, string path, int atLeast)
    {
        Require(options.Policies.Count >= atLeast, path, $"{options.Type} needs at least {atLeast} policy in Policies");
        var children = new List<ITracePolicy>(options.Policies.Count);
        for (int i = 0; i < options.Policies.Count; i++)
        {
            TracePolicyOptions child = options.Policies[i];
            children.Add(Create(child, $"{path}.Policies[{i}] ({child.Type})"));
        }

        return children;
    }

    private static string NameOf(TracePolicyOptions o) => string.IsNullOrWhiteSpace(o.Name) ? o.Type.ToLowerInvariant() : o.Name;

    private static void Require(bool condition, string path, string message)
    {
        if (!condition)
        {
            throw new ArgumentException($"{path}: {message}");
        }
    }
}
