using StreamJobs.Mql.Ast;
using StreamJobs.Mql.Evaluation;
using StreamJobs.Mql.Schema;

namespace StreamJobs.Mql.Aggregation;

/// <summary>
/// The compiled shape of an aggregating (or buffered, ordered) query: group keys, aggregate slots, result
/// columns, and HAVING / ORDER BY compiled over result rows. Built once per aggregator.
/// </summary>
internal sealed class AggregationPlan<T>
{
    private readonly List<ColumnPlan<T>> _columns = [];
    private readonly List<(AggregateExpr Expression, ValueNode<T>? Argument)> _slots = [];
    private readonly ExpressionCompiler<T> _compiler;
    private readonly QueryAst _ast;

    private AggregationPlan(MqlCompiledQuery<T> query)
    {
        _ast = query.Query.Ast;
        _compiler = query.Compiler;
        Limit = _ast.Limit;
        IsBuffered = !_ast.IsAggregating;
        GroupKeys = _ast.GroupBy.Select(_compiler.CompileValue).ToArray();
        RecordOrder = IsBuffered ? _ast.OrderBy.Select(k => (_compiler.CompileValue(k.Expression), k.Descending)).ToArray() : [];
        if (IsBuffered)
        {
            return;
        }

        foreach (var item in _ast.Select)
        {
            _columns.Add(item.Expression switch
            {
                AggregateExpr a => new ColumnPlan<T>(item.Name, true, ColumnKind.Aggregate, Slot(a), null, a),
                PropertyExpr p when GroupIndex(p) is { } g => new ColumnPlan<T>(item.Name, true, ColumnKind.GroupKey, g, null, null),
                PropertyExpr p => new ColumnPlan<T>(item.Name, true, ColumnKind.FirstValue, 0, _compiler.CompileValue(p), null),
                _ => new ColumnPlan<T>(item.Name, true, ColumnKind.Constant, 0, _compiler.CompileValue(item.Expression), null),
            });
        }

        var rows = new ExpressionCompiler<MqlValue[]>(
            new ScalarSchema<MqlValue[]>(_ => MqlValue.Null),
            query.Options,
            query.Counters,
            [],
            a => new RowColumnNode(AggregateColumn(a)),
            p => new RowColumnNode(PropertyColumn(p)));
        Having = _ast.Having is null ? null : rows.CompilePredicate(_ast.Having);
        RowOrder = _ast.OrderBy.Select(k => (rows.CompileValue(k.Expression), k.Descending)).ToArray();
    }

    /// <summary>True for non-aggregating queries with ORDER BY: records are buffered per window and sorted.</summary>
    public bool IsBuffered { get; }

    public int? Limit { get; }

    public MqlWindow? Window => _ast.Window;

    public ValueNode<T>[] GroupKeys { get; }

    public IReadOnlyList<(AggregateExpr Expression, ValueNode<T>? Argument)> Slots => _slots;

    public IReadOnlyList<ColumnPlan<T>> Columns => _columns;

    public BoolNode<MqlValue[]>? Having { get; }

    public (ValueNode<MqlValue[]> Key, bool Descending)[] RowOrder { get; } = [];

    public (ValueNode<T> Key, bool Descending)[] RecordOrder { get; }

    public static AggregationPlan<T> Create(MqlCompiledQuery<T> query) => new(query);

    public AggregateState[] NewStates()
    {
        var states = new AggregateState[_slots.Count];
        for (var i = 0; i < states.Length; i++)
        {
            var a = _slots[i].Expression;
            AggregateState state = a.Kind switch
            {
                AggregateKind.Count => new CountState(),
                AggregateKind.Sum => new SumState(average: false),
                AggregateKind.Average => new SumState(average: true),
                AggregateKind.Min => new MinMaxState(max: false),
                AggregateKind.Max => new MinMaxState(max: true),
                AggregateKind.List => new ListState(),
                _ => new PercentileState(a.Percentile),
            };
            states[i] = a.Distinct ? new DistinctState(state) : state;
        }

        return states;
    }

    private int Slot(AggregateExpr aggregate)
    {
        var index = _slots.FindIndex(s => s.Expression.Name == aggregate.Name);
        if (index >= 0)
        {
            return index;
        }

        _slots.Add((aggregate, aggregate.Argument is null ? null : _compiler.CompileValue(aggregate.Argument)));
        return _slots.Count - 1;
    }

    private int? GroupIndex(PropertyExpr property)
    {
        var index = _ast.GroupBy.ToList().FindIndex(g => g.Name == property.Name);
        return index >= 0 ? index : null;
    }

    private int AggregateColumn(AggregateExpr aggregate)
    {
        var index = _columns.FindIndex(c => c.Aggregate?.Name == aggregate.Name);
        if (index < 0)
        {
            _columns.Add(new ColumnPlan<T>(aggregate.Name, false, ColumnKind.Aggregate, Slot(aggregate), null, aggregate));
            index = _columns.Count - 1;
        }

        return index;
    }

    /// <summary>HAVING/ORDER BY names resolve to a SELECT column (by alias or name), then a group key, then a first value.</summary>
    private int PropertyColumn(PropertyExpr property)
    {
        var index = _columns.FindIndex(c => c.Name == property.Name);
        if (index >= 0)
        {
            return index;
        }

        _columns.Add(GroupIndex(property) is { } g
            ? new ColumnPlan<T>(property.Name, false, ColumnKind.GroupKey, g, null, null)
            : new ColumnPlan<T>(property.Name, false, ColumnKind.FirstValue, 0, _compiler.CompileValue(property), null));
        return _columns.Count - 1;
    }
}
