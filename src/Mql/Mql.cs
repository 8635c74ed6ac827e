using System.Diagnostics.CodeAnalysis;
using StreamJobs.Mql.Evaluation;
using StreamJobs.Mql.Syntax;

namespace StreamJobs.Mql;

/// <summary>Entry points: parse MQL queries and compile WHERE-style predicates.</summary>
public static class Mql
{
    /// <summary>
    /// Parses a query; on failure <paramref name="error"/> carries line, column and message. Text longer or nested
    /// deeper than <paramref name="limits"/> (default <see cref="MqlLimits.Default"/>) is an error too.
    /// </summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out MqlQuery? query, [NotNullWhen(false)] out MqlError? error, MqlLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            query = new MqlQuery(text, QueryParser.Parse(text, limits ?? MqlLimits.Default));
            error = null;
            return true;
        }
        catch (MqlSyntaxException e)
        {
            query = null;
            error = e.Error;
            return false;
        }
    }

    /// <summary>Parses a query; see <see cref="TryParse"/>.</summary>
    /// <exception cref="MqlParseException">The query is invalid or over <paramref name="limits"/>.</exception>
    public static MqlQuery Parse(string text, MqlLimits? limits = null) =>
        TryParse(text, out var query, out var error, limits) ? query : throw new MqlParseException(error);

    /// <summary>
    /// Compiles a condition such as <c>duration &gt; 1000 AND tags['error'] == 'true'</c> (a leading WHERE is
    /// allowed) against <paramref name="schema"/>. Used for sampling and routing rules in configuration.
    /// The text is bounded by <see cref="MqlCompileOptions.Limits"/> (default <see cref="MqlLimits.Default"/>).
    /// </summary>
    public static bool TryCompilePredicate<T>(
        string whereExpression,
        MqlSchema<T> schema,
        [NotNullWhen(true)] out MqlPredicate<T>? predicate,
        [NotNullWhen(false)] out MqlError? error,
        MqlCompileOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(whereExpression);
        ArgumentNullException.ThrowIfNull(schema);
        try
        {
            options ??= MqlCompileOptions.Default;
            var cursor = TokenCursor.Create(whereExpression, options.Limits, "expression");
            cursor.TryConsume(MqlTokenKind.Where);
            var expression = ExpressionParser.ParseExpression(cursor, allowAggregates: false);
            if (!cursor.Is(MqlTokenKind.End))
            {
                throw cursor.Unexpected("AND, OR or end of input");
            }

            var counters = new EvaluationCounters(options.SkipRegexes);
            var unknown = new List<string>();
            var compiler = new ExpressionCompiler<T>(schema, options, counters, unknown);
            predicate = new MqlPredicate<T>(whereExpression, compiler.CompilePredicate(expression), counters, unknown);
            error = null;
            return true;
        }
        catch (MqlSyntaxException e)
        {
            predicate = null;
            error = e.Error;
            return false;
        }
    }

    /// <summary>Compiles a condition; see <see cref="TryCompilePredicate{T}"/>.</summary>
    /// <exception cref="MqlParseException">The expression is invalid.</exception>
    public static MqlPredicate<T> CompilePredicate<T>(string whereExpression, MqlSchema<T> schema, MqlCompileOptions? options = null) =>
        TryCompilePredicate(whereExpression, schema, out var predicate, out var error, options)
            ? predicate
            : throw new MqlParseException(error);
}
