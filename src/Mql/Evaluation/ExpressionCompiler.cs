using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using StreamJobs.Mql.Addresses;
using StreamJobs.Mql.Ast;

namespace StreamJobs.Mql.Evaluation;

/// <summary>
/// Compiles AST expressions into node trees over <typeparamref name="T"/>, once per query.
/// Aggregates are resolved by <paramref name="aggregates"/> (HAVING / ORDER BY over result rows) or rejected.
/// Recursion follows only the nesting the parser bounded (<see cref="MqlLimits.MaxDepth"/>); AND/OR chains are loops.
/// </summary>
internal sealed class ExpressionCompiler<T>(
    MqlSchema<T> schema,
    MqlCompileOptions options,
    EvaluationCounters counters,
    ICollection<string> unknownProperties,
    Func<AggregateExpr, ValueNode<T>>? aggregates = null,
    Func<PropertyExpr, ValueNode<T>?>? properties = null)
{
    private readonly Dictionary<(string Pattern, RegexOptions Options), Regex> _regexes = [];
    private readonly HashSet<string> _reported = new(unknownProperties, StringComparer.Ordinal);

    public BoolNode<T> CompilePredicate(Expr? expression)
    {
        // A backstop only: the parser already refused deeper nesting than the stack can take.
        RuntimeHelpers.EnsureSufficientExecutionStack();
        return expression switch
        {
            null => new ConstantBoolNode<T>(true),
            LogicalExpr l => CompileChain(l),
            _ => CompileLeaf(expression),
        };
    }

    private BoolNode<T> CompileChain(LogicalExpr chain)
    {
        var operands = new BoolNode<T>[chain.Operands.Count];
        for (var i = 0; i < operands.Length; i++)
        {
            operands[i] = CompilePredicate(chain.Operands[i]);
        }

        // Two operands keep the binary nodes, the most common shape; longer chains loop over an array.
        return (chain.IsAnd, operands.Length) switch
        {
            (true, 2) => new AndNode<T>(operands[0], operands[1]),
            (false, 2) => new OrNode<T>(operands[0], operands[1]),
            (true, _) => new AllNode<T>(operands),
            _ => new AnyNode<T>(operands),
        };
    }

    private BoolNode<T> CompileLeaf(Expr expression) => expression switch
    {
        NotExpr n => new NotNode<T>(CompilePredicate(n.Operand)),
        ComparisonExpr c => CompileComparison(c),
        CidrExpr c => CompileValue(c.Left) is IpPropertyNode<T> ip ? new IpBlockNode<T>(ip, c.Block) : new CidrTextNode<T>(CompileValue(c.Left), c.Block),
        RegexExpr r => new RegexNode<T>(CompileValue(r.Left), CreateRegex(r), counters),
        LiteralExpr { Value.Kind: MqlValueKind.Boolean } b => new ConstantBoolNode<T>(b.Value.Boolean),
        _ => new TruthyNode<T>(CompileValue(expression)),
    };

    /// <summary>An IP property compared with an address literal compares addresses, not text ('::FFFF:a.b.c.d' is a.b.c.d).</summary>
    private BoolNode<T> CompileComparison(ComparisonExpr comparison)
    {
        var left = CompileValue(comparison.Left);
        if (left is IpPropertyNode<T> ip && comparison is { Operator: ComparisonOperator.Equal or ComparisonOperator.NotEqual, Right: LiteralExpr literal }
            && literal.Value.String is { } text && IpText.TryParse(text, out var address, out _))
        {
            var equal = new IpBlockNode<T>(ip, IpBlock.Single(address));
            return comparison.Operator == ComparisonOperator.Equal ? equal : new NotNode<T>(equal);
        }

        return new ComparisonNode<T>(left, comparison.Operator, CompileValue(comparison.Right));
    }

    public ValueNode<T> CompileValue(Expr expression) => expression switch
    {
        LiteralExpr l => new ConstantNode<T>(l.Value),
        PropertyExpr p => properties?.Invoke(p) ?? CompileProperty(p),
        AggregateExpr a when aggregates is not null => aggregates(a),
        AggregateExpr a => throw new InvalidOperationException($"Aggregate {a.Name} cannot be evaluated per record."),
        _ => new PredicateValueNode<T>(CompilePredicate(expression)),
    };

    /// <summary>Nested schemas report names relative to themselves; the user wants the whole path back.</summary>
    private ValueNode<T> CompileProperty(PropertyExpr property)
    {
        var unknown = new List<string>();
        var node = schema.CompilePath(property.Segments.ToArray(), property.IsDotted, unknown);
        // A set, not the list's Contains: thousands of unknown names must not cost quadratic time.
        if (unknown.Count > 0 && _reported.Add(property.Name))
        {
            unknownProperties.Add(property.Name);
        }

        return node;
    }

    /// <summary>The regexes compiled so far, one per distinct pattern.</summary>
    internal IReadOnlyCollection<Regex> Regexes => _regexes.Values;

    /// <summary>One compiled regex per distinct pattern: a query repeating a pattern pays for its compilation once.</summary>
    private Regex CreateRegex(RegexExpr expression)
    {
        if (!_regexes.TryGetValue((expression.Pattern, expression.Options), out var regex))
        {
            regex = NewRegex(expression.Pattern, expression.Options | RegexOptions.CultureInvariant, MqlCompileOptions.CheckedTimeout(options.RegexTimeout));
            _regexes.Add((expression.Pattern, expression.Options), regex);
        }

        return regex;
    }

    private Regex NewRegex(string pattern, RegexOptions flags, TimeSpan timeout)
    {
        if (!options.NonBacktrackingRegexes)
        {
            return new(pattern, flags | RegexOptions.Compiled, timeout);
        }

        try
        {
            // Linear in the input, so no timeout: on a starved low-priority thread a wall-clock timeout measures the
            // scheduler, not the pattern, and would count false timeouts. The caller's CPU budget bounds these.
            return new(pattern, flags | RegexOptions.NonBacktracking, Regex.InfiniteMatchTimeout);
        }
        catch (NotSupportedException)
        {
            // Backreferences, lookarounds and the like need backtracking: interpreted, bounded by the timeout.
            return new(pattern, flags, timeout);
        }
    }
}
