using StreamJobs.Mql.Evaluation;

namespace StreamJobs.Mql;

/// <summary>
/// A compiled condition (a WHERE expression) over records of type <typeparamref name="T"/>.
/// Thread-safe; evaluation does no parsing, reflection or lookup by name.
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
public sealed class MqlPredicate<T>
{
    private readonly BoolNode<T> _node;
    private readonly EvaluationCounters _counters;

    internal MqlPredicate(string text, BoolNode<T> node, EvaluationCounters counters, IReadOnlyList<string> unknownProperties)
    {
        Text = text;
        _node = node;
        _counters = counters;
        UnknownProperties = unknownProperties;
    }

    /// <summary>The expression text this was compiled from.</summary>
    public string Text { get; }

    /// <summary>Paths the schema does not declare; they read as null. Empty for JSON schemas.</summary>
    public IReadOnlyList<string> UnknownProperties { get; }

    /// <summary>Regex matches that timed out (each counted as no match).</summary>
    public long RegexTimeouts => _counters.RegexTimeouts;

    /// <summary>True when the record satisfies the condition.</summary>
    public bool Matches(in T record) => _node.Evaluate(record);

    /// <inheritdoc />
    public override string ToString() => Text;
}
