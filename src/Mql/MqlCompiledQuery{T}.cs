using System.Text.Json;
using StreamJobs.Mql.Aggregation;
using StreamJobs.Mql.Ast;
using StreamJobs.Mql.Evaluation;
using StreamJobs.Mql.Sampling;
using StreamJobs.Mql.Syntax;

namespace StreamJobs.Mql;

/// <summary>
/// A query compiled for records of type <typeparamref name="T"/>. For streaming queries call
/// <see cref="TryWrite"/> per record (or <see cref="Matches"/> and <see cref="WriteProjection"/>);
/// for aggregating or ordered queries feed an <see cref="MqlAggregator{T}"/> from <see cref="CreateAggregator"/>.
/// <see cref="Matches"/> and <see cref="WriteProjection"/> are thread-safe.
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
public sealed class MqlCompiledQuery<T>
{
    private readonly BoolNode<T> _filter;
    private readonly (JsonEncodedText Name, ValueNode<T> Value)[] _columns;
    private readonly EvaluationCounters _counters;
    private readonly MqlCompileOptions _options;
    private long _written;

    internal MqlCompiledQuery(MqlQuery query, MqlSchema<T> schema, MqlCompileOptions options)
    {
        Query = query;
        Schema = schema;
        _options = options;
        _counters = new(options.SkipRegexes);
        var unknown = new List<string>();
        Compiler = new ExpressionCompiler<T>(schema, options, _counters, unknown);
        var where = Compiler.CompilePredicate(query.Ast.Where);
        _filter = query.Ast.Sample is { } sample ? new AndNode<T>(CompileSample(sample), where) : where;
        _columns = query.Ast.Select
            .Where(s => s.Expression is not AggregateExpr)
            .Select(s => (JsonEncodedText.Encode(s.Name), Compiler.CompileValue(s.Expression)))
            .ToArray();
        UnknownProperties = unknown;
    }

    /// <summary>The parsed query.</summary>
    public MqlQuery Query { get; }

    /// <summary>The schema the query was compiled against.</summary>
    public MqlSchema<T> Schema { get; }

    /// <summary>Paths the schema does not declare; they read as null (shown to tap users as a hint).</summary>
    public IReadOnlyList<string> UnknownProperties { get; }

    /// <summary>Regex matches that timed out so far (each counted as no match).</summary>
    public long RegexTimeouts => _counters.RegexTimeouts;

    /// <summary>True once <see cref="TryWrite"/> has written LIMIT records: the tap can stop.</summary>
    public bool IsDone => Query.Limit is { } limit && Interlocked.Read(ref _written) >= limit;

    internal ExpressionCompiler<T> Compiler { get; }

    internal MqlCompileOptions Options => _options;

    internal EvaluationCounters Counters => _counters;

    /// <summary>True when the record passes SAMPLE and WHERE.</summary>
    public bool Matches(in T record) => _filter.Evaluate(record);

    /// <summary>
    /// Writes the selected properties as one JSON object (<c>SELECT *</c>: the whole record). Aggregates
    /// in SELECT are skipped here; they only have values in aggregator rows.
    /// </summary>
    public void WriteProjection(Utf8JsonWriter writer, in T record)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (Query.SelectsAll)
        {
            Schema.WriteRecord(writer, record);
            return;
        }

        writer.WriteStartObject();
        foreach (var (name, value) in _columns)
        {
            writer.WritePropertyName(name);
            value.Write(writer, record);
        }

        writer.WriteEndObject();
    }

    /// <summary>
    /// Streaming execution: when the record matches and LIMIT is not yet reached, writes its projection and
    /// returns true. Once LIMIT records were written, returns false and <see cref="IsDone"/> is true.
    /// </summary>
    public bool TryWrite(Utf8JsonWriter writer, in T record)
    {
        if (IsDone || !_filter.Evaluate(record))
        {
            return false;
        }

        if (Query.Limit is { } limit && Interlocked.Increment(ref _written) > limit)
        {
            return false;
        }

        if (Query.Limit is null)
        {
            Interlocked.Increment(ref _written);
        }

        WriteProjection(writer, record);
        return true;
    }

    /// <summary>
    /// Creates an aggregator for this query (windows, GROUP BY, aggregates, HAVING, ORDER BY, LIMIT per window).
    /// Not thread-safe: one aggregator per consumer. <paramref name="timeProvider"/> defaults to the system clock.
    /// </summary>
    public MqlAggregator<T> CreateAggregator(TimeProvider? timeProvider = null) =>
        new(this, AggregationPlan<T>.Create(this), timeProvider ?? TimeProvider.System);

    private SampleNode<T> CompileSample(MqlSample sample)
    {
        var keys = sample.Keys.Select(k => Compiler.CompileValue(ParseKey(k))).ToArray();
        return new SampleNode<T>(sample, keys, _options.Random ?? Random.Shared);
    }

    private static PropertyExpr ParseKey(string key)
    {
        try
        {
            var cursor = new TokenCursor(key, MqlTokenizer.Tokenize(key));
            var property = ExpressionParser.ParseProperty(cursor);
            if (cursor.Is(MqlTokenKind.End))
            {
                return property;
            }
        }
        catch (MqlSyntaxException)
        {
            // Not a path expression: the key is a plain property name, whatever characters it has.
        }

        return new PropertyExpr(0, [PathSegment.ForKey(key)]);
    }
}
