using System.Text.RegularExpressions;
using StreamJobs.Mql.Ast;

namespace StreamJobs.Mql.Evaluation;

/// <summary>
/// Compiles AST expressions into node trees over <typeparamref name="T"/>, once per query.
/// Aggregates are resolved by <paramref name="aggregates"/> (HAVING / ORDER BY over result rows) or rejected.
/// </summary>
internal sealed class ExpressionCompiler<T>(
    MqlSchema<T> schema,
    MqlCompileOptions options,
    EvaluationCounters counters,
    ICollection<string> unknownProperties,
    Func<AggregateExpr, ValueNode<T>>? aggregates = null,
    Func<PropertyExpr, ValueNode<T>?>? properties = null)
{
    public BoolNode<T> CompilePredicate(Expr? expression) => expression switch
    {
        null => new ConstantBoolNode<T>(true),
        LogicalExpr { IsAnd: true } l => new AndNode<T>(CompilePredicate(l.Left), CompilePredicate(l.Right)),
        LogicalExpr l => new OrNode<T>(CompilePredicate(l.Left), CompilePredicate(l.Right)),
        NotExpr n => new NotNode<T>(CompilePredicate(n.Operand)),
        ComparisonExpr c => new ComparisonNode<T>(CompileValue(c.Left), c.Operator, CompileValue(c.Right)),
        RegexExpr r => new RegexNode<T>(CompileValue(r.Left), CreateRegex(r), counters),
        LiteralExpr { Value.Kind: MqlValueKind.Boolean } b => new ConstantBoolNode<T>(b.Value.Boolean),
        _ => new TruthyNode<T>(CompileValue(expression)),
    };

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
        if (unknown.Count > 0 && !unknownProperties.Contains(property.Name))
        {
            unknownProperties.Add(property.Name);
        }

        return node;
    }

    private Regex CreateRegex(RegexExpr expression) =>
        new(expression.Pattern, expression.Options | RegexOptions.CultureInvariant | RegexOptions.Compiled, MqlCompileOptions.CheckedTimeout(options.RegexTimeout));
}
