using StreamJobs.Mql.Ast;

namespace StreamJobs.Mql;

/// <summary>
/// A parsed MQL query. Inspect it (e.g. <see cref="Source"/> to route a tap) and <see cref="Compile{T}"/> it
/// against the schema of the stream's records.
/// </summary>
public sealed class MqlQuery
{
    internal MqlQuery(string text, QueryAst ast)
    {
        Text = text;
        Ast = ast;
        Columns = ast.Select.Select(s => s.Name).ToArray();
    }

    /// <summary>The query text.</summary>
    public string Text { get; }

    /// <summary>The stream named by FROM, or null when the query has no FROM.</summary>
    public string? Source => Ast.Source;

    /// <summary>True for <c>SELECT *</c>.</summary>
    public bool SelectsAll => Ast.SelectsAll;

    /// <summary>Output column names in SELECT order (aliases where given); empty for <c>SELECT *</c>.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>True when SELECT has aggregates or the query has GROUP BY.</summary>
    public bool IsAggregating => Ast.IsAggregating;

    /// <summary>
    /// True when results come from an <see cref="MqlAggregator{T}"/> rather than record by record:
    /// aggregating queries, and queries with ORDER BY (which sort within a window, or until flushed).
    /// </summary>
    public bool RequiresAggregator => Ast.IsAggregating || Ast.OrderBy.Count > 0;

    /// <summary>The WINDOW clause, if any.</summary>
    public MqlWindow? Window => Ast.Window;

    /// <summary>The LIMIT, if any: matches to emit in total (streaming) or rows per window (aggregating).</summary>
    public int? Limit => Ast.Limit;

    /// <summary>The SAMPLE clause, if any.</summary>
    public MqlSample? Sample => Ast.Sample;

    /// <summary>True when the query has a WHERE clause.</summary>
    public bool HasWhere => Ast.Where is not null;

    internal QueryAst Ast { get; }

    /// <summary>Compiles the query for records described by <paramref name="schema"/>.</summary>
    public MqlCompiledQuery<T> Compile<T>(MqlSchema<T> schema, MqlCompileOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return new MqlCompiledQuery<T>(this, schema, options ?? MqlCompileOptions.Default);
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}
