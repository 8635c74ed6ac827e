using StreamJobs.Mql;
using StreamJobs.Telemetry.Spans;
using MqlCompiler = StreamJobs.Mql.Mql;

namespace StreamJobs.TailSampler.Policies;

/// <summary>
/// Matches traces satisfying an MQL WHERE predicate over <see cref="TraceMqlSchema.Traces"/>, so sampling rules are
/// written in the language operators already tap with. The expression is compiled once, at configuration time.
/// </summary>
internal sealed class MqlPolicy(string name, MqlPredicate<Trace> predicate) : ITracePolicy
{
    public string Name { get; } = name;

    public string Expression => predicate.Text;

    public bool Matches(Trace trace) => predicate.Matches(trace);

    /// <summary>Compiles <paramref name="expression"/>; syntax errors and unknown properties are reported against <paramref name="path"/>.</summary>
    public static MqlPolicy Create(string name, string? expression, string path)
    {
        if (string.IsNullOrWhiteSpace(expression))
        {
            throw new ArgumentException($"{path}: Expression is required, e.g. \"hasError and rootService == 'checkout'\"");
        }

        if (!MqlCompiler.TryCompilePredicate(expression, TraceMqlSchema.Traces, out var predicate, out var error))
        {
            throw new ArgumentException($"{path}: Expression: {error}");
        }

        if (predicate.UnknownProperties.Count > 0)
        {
            throw new ArgumentException(
                $"{path}: Expression: unknown trace propert{(predicate.UnknownProperties.Count == 1 ? "y" : "ies")} " +
                $"{string.Join(", ", predicate.UnknownProperties)}; traces have: {string.Join(", ", TraceMqlSchema.Traces.Properties.Select(p => p.Name))}");
        }

        return new MqlPolicy(name, predicate);
    }
}
