using StreamJobs.Mql.Ast;

namespace StreamJobs.Mql.Syntax;

/// <summary>
/// <c>query := SELECT ( * | item (, item)* ) [FROM name] clause*</c>, where each clause (WHERE, WINDOW,
/// GROUP BY, HAVING, ORDER BY, LIMIT, SAMPLE) may appear once, in any order, as Mantis queries write
/// WINDOW before or after WHERE.
/// </summary>
internal static class QueryParser
{
    private const string ClauseExpected = "a clause (WHERE, WINDOW, GROUP BY, HAVING, ORDER BY, LIMIT, SAMPLE) or end of input";

    public static QueryAst Parse(string text, MqlLimits limits)
    {
        var cursor = TokenCursor.Create(text, limits, "query");
        cursor.Expect(MqlTokenKind.Select, "SELECT");
        var select = ParseSelectList(cursor);
        string? source = null;
        if (cursor.TryConsume(MqlTokenKind.From))
        {
            source = ParseSourceName(cursor);
        }

        var seen = new HashSet<MqlTokenKind>();
        Expr? where = null, having = null;
        MqlWindow? window = null;
        IReadOnlyList<PropertyExpr> groupBy = [];
        IReadOnlyList<OrderKey> orderBy = [];
        int? limit = null;
        MqlSample? sample = null;
        var havingPosition = 0;
        var orderPosition = 0;
        while (!cursor.Is(MqlTokenKind.End))
        {
            var keyword = cursor.Current;
            if (!seen.Add(keyword.Kind) && keyword.Kind is not (MqlTokenKind.End or MqlTokenKind.Comma))
            {
                throw cursor.ErrorAt(keyword.Position, $"duplicate {cursor.TextOf(keyword).ToUpperInvariant()} clause");
            }

            switch (keyword.Kind)
            {
                case MqlTokenKind.Where:
                    cursor.Advance();
                    where = ExpressionParser.ParseExpression(cursor, allowAggregates: false);
                    break;
                case MqlTokenKind.Window:
                    cursor.Advance();
                    window = ParseWindow(cursor, limits);
                    break;
                case MqlTokenKind.Group:
                    cursor.Advance();
                    cursor.Expect(MqlTokenKind.By, "BY");
                    groupBy = ParseGroupBy(cursor);
                    break;
                case MqlTokenKind.Having:
                    havingPosition = cursor.Advance().Position;
                    having = ExpressionParser.ParseExpression(cursor, allowAggregates: true);
                    break;
                case MqlTokenKind.Order:
                    orderPosition = cursor.Advance().Position;
                    cursor.Expect(MqlTokenKind.By, "BY");
                    orderBy = ParseOrderBy(cursor);
                    break;
                case MqlTokenKind.Limit:
                    cursor.Advance();
                    limit = cursor.ExpectWholeNumber("a whole number", 0, "LIMIT");
                    break;
                case MqlTokenKind.Sample:
                    cursor.Advance();
                    sample = SampleParser.Parse(cursor);
                    break;
                default:
                    throw cursor.Unexpected(source is null && seen.Count == 1 ? "',', FROM or " + ClauseExpected : ClauseExpected);
            }
        }

        var query = new QueryAst(select, source, where, window, groupBy, having, orderBy, limit, sample);
        Validate(cursor, query, havingPosition, orderPosition);
        return query;
    }

    private static void Validate(TokenCursor cursor, QueryAst query, int havingPosition, int orderPosition)
    {
        if (query.Having is not null && !query.IsAggregating)
        {
            throw cursor.ErrorAt(havingPosition, "HAVING needs GROUP BY or an aggregate in SELECT");
        }

        if (query.SelectsAll && query.GroupBy.Count > 0)
        {
            throw cursor.ErrorAt(query.GroupBy[0].Position, "GROUP BY needs a list of columns, not SELECT *");
        }

        if (query.SelectsAll && query.OrderBy.Any(k => k.Expression is AggregateExpr))
        {
            throw cursor.ErrorAt(orderPosition, "ORDER BY an aggregate needs the aggregate in SELECT");
        }
    }

    private static List<SelectItem> ParseSelectList(TokenCursor cursor)
    {
        var items = new List<SelectItem>();
        if (cursor.TryConsume(MqlTokenKind.Star))
        {
            return items;
        }

        do
        {
            if (!IsOperandStart(cursor.Current.Kind))
            {
                throw cursor.Unexpected("'*', a property, a literal or an aggregate");
            }

            var expression = ExpressionParser.ParseOperand(cursor, allowAggregates: true);
            if (expression is not (PropertyExpr or LiteralExpr or AggregateExpr))
            {
                throw cursor.ErrorAt(expression.Position, "SELECT takes properties, literals and aggregates, not conditions");
            }

            var name = expression switch
            {
                PropertyExpr p => p.Name,
                AggregateExpr a => a.Name,
                _ => ((LiteralExpr)expression).Text,
            };
            if (cursor.TryConsume(MqlTokenKind.As))
            {
                var alias = cursor.Current;
                if (alias.Kind is not (MqlTokenKind.String or MqlTokenKind.Identifier))
                {
                    throw cursor.Unexpected("an alias");
                }

                cursor.Advance();
                name = alias.Value ?? cursor.TextOf(alias);
            }

            items.Add(new SelectItem(expression, name));
        }
        while (cursor.TryConsume(MqlTokenKind.Comma));

        return items;
    }

    private static bool IsOperandStart(MqlTokenKind kind) => kind is MqlTokenKind.Identifier or MqlTokenKind.Number
        or MqlTokenKind.String or MqlTokenKind.True or MqlTokenKind.False or MqlTokenKind.Null or MqlTokenKind.LParen;

    private static string ParseSourceName(TokenCursor cursor)
    {
        if (cursor.Is(MqlTokenKind.String))
        {
            return cursor.Advance().Value!;
        }

        var name = cursor.TextOf(cursor.Expect(MqlTokenKind.Identifier, "a stream name"));
        while (cursor.TryConsume(MqlTokenKind.Dot))
        {
            name += "." + cursor.TextOf(cursor.Expect(MqlTokenKind.Identifier, "a stream name after '.'"));
        }

        return name;
    }

    private static MqlWindow ParseWindow(TokenCursor cursor, MqlLimits limits)
    {
        var size = cursor.ExpectWholeNumber("a window size in seconds", 1, "the window size");
        var slide = size;
        var slideToken = cursor.Current;
        if (slideToken.Kind == MqlTokenKind.Number)
        {
            slide = cursor.ExpectWholeNumber("a window slide in seconds", 1, "the window slide");
            if (slide > size)
            {
                throw cursor.ErrorAt(slideToken.Position, $"window slide ({slide}s) must not exceed the window size ({size}s)");
            }

            // Every record joins size/slide windows: 'window 2147483647 1' would be two billion per record.
            var overlapping = ((long)size + slide - 1) / slide;
            if (overlapping > limits.MaxOverlappingWindows)
            {
                throw cursor.ErrorAt(slideToken.Position,
                    $"window {size}s sliding by {slide}s puts each record in {overlapping} windows, over the limit of {limits.MaxOverlappingWindows} ({nameof(MqlLimits)}.{nameof(MqlLimits.MaxOverlappingWindows)})");
            }
        }

        return new MqlWindow(TimeSpan.FromSeconds(size), TimeSpan.FromSeconds(slide));
    }

    private static List<PropertyExpr> ParseGroupBy(TokenCursor cursor)
    {
        var keys = new List<PropertyExpr>();
        do
        {
            keys.Add(ExpressionParser.ParseProperty(cursor));
        }
        while (cursor.TryConsume(MqlTokenKind.Comma));
        return keys;
    }

    private static List<OrderKey> ParseOrderBy(TokenCursor cursor)
    {
        var keys = new List<OrderKey>();
        do
        {
            var expression = ExpressionParser.ParseOperand(cursor, allowAggregates: true);
            var descending = cursor.TryConsume(MqlTokenKind.Desc);
            if (!descending)
            {
                cursor.TryConsume(MqlTokenKind.Asc);
            }

            keys.Add(new OrderKey(expression, descending));
        }
        while (cursor.TryConsume(MqlTokenKind.Comma));
        return keys;
    }
}
