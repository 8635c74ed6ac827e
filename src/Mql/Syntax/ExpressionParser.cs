using System.Globalization;
using System.Text.RegularExpressions;
using StreamJobs.Mql.Addresses;
using StreamJobs.Mql.Ast;

namespace StreamJobs.Mql.Syntax;

/// <summary>
/// Expression grammar, lowest precedence first:
/// <c>or := and (OR and)*</c>, <c>and := unary (AND unary)*</c>, <c>unary := NOT unary | comparison</c>,
/// <c>comparison := operand [op operand | ==~ /regex/ | [NOT] IN 'cidr']</c>, <c>operand := ( expr ) | literal | property | aggregate</c>.
/// AND and OR chains become one n-ary node each; '(' and NOT are the only recursion, bounded by <see cref="MqlLimits.MaxDepth"/>.
/// </summary>
internal static class ExpressionParser
{
    private const string OperandExpected = "a property, a literal or '('";

    public static Expr ParseExpression(TokenCursor cursor, bool allowAggregates)
    {
        var first = ParseAnd(cursor, allowAggregates);
        if (!cursor.Is(MqlTokenKind.Or))
        {
            return first;
        }

        // The chain is collected in a loop, not nested, so its length never costs stack (here or when compiled).
        var position = cursor.Current.Position;
        var operands = new List<Expr> { first };
        while (cursor.TryConsume(MqlTokenKind.Or))
        {
            operands.Add(ParseAnd(cursor, allowAggregates));
        }

        return new LogicalExpr(position, false, operands);
    }

    private static Expr ParseAnd(TokenCursor cursor, bool allowAggregates)
    {
        var first = ParseUnary(cursor, allowAggregates);
        if (!cursor.Is(MqlTokenKind.And))
        {
            return first;
        }

        var position = cursor.Current.Position;
        var operands = new List<Expr> { first };
        while (cursor.TryConsume(MqlTokenKind.And))
        {
            operands.Add(ParseUnary(cursor, allowAggregates));
        }

        return new LogicalExpr(position, true, operands);
    }

    private static Expr ParseUnary(TokenCursor cursor, bool allowAggregates)
    {
        if (!cursor.Is(MqlTokenKind.Not))
        {
            return ParseComparison(cursor, allowAggregates);
        }

        var not = cursor.Advance();
        cursor.Enter(not);
        var operand = ParseUnary(cursor, allowAggregates);
        cursor.Exit();
        return new NotExpr(not.Position, operand);
    }

    private static Expr ParseComparison(TokenCursor cursor, bool allowAggregates)
    {
        var left = ParseOperand(cursor, allowAggregates);
        var op = cursor.Current;
        ComparisonOperator? comparison = op.Kind switch
        {
            MqlTokenKind.Equal => ComparisonOperator.Equal,
            MqlTokenKind.NotEqual => ComparisonOperator.NotEqual,
            MqlTokenKind.Less => ComparisonOperator.Less,
            MqlTokenKind.LessOrEqual => ComparisonOperator.LessOrEqual,
            MqlTokenKind.Greater => ComparisonOperator.Greater,
            MqlTokenKind.GreaterOrEqual => ComparisonOperator.GreaterOrEqual,
            MqlTokenKind.Contains => ComparisonOperator.Contains,
            _ => null,
        };
        if (comparison is { } c)
        {
            cursor.Advance();
            return new ComparisonExpr(op.Position, left, c, ParseOperand(cursor, allowAggregates));
        }

        if (op.Kind == MqlTokenKind.In || (op.Kind == MqlTokenKind.Not && cursor.PeekNext.Kind == MqlTokenKind.In))
        {
            var negated = op.Kind == MqlTokenKind.Not;
            cursor.Advance();
            if (negated) cursor.Advance();
            var cidr = ParseCidr(cursor, op.Position, left);
            return negated ? new NotExpr(op.Position, cidr) : cidr;
        }

        if (op.Kind == MqlTokenKind.RegexMatch)
        {
            cursor.CountRegex(op);
            cursor.Advance();
            return ParseRegex(cursor, op.Position, left);
        }

        return left;
    }

    private static RegexExpr ParseRegex(TokenCursor cursor, int position, Expr left)
    {
        var token = cursor.Current;
        if (token.Kind is not (MqlTokenKind.Regex or MqlTokenKind.String))
        {
            throw cursor.Unexpected("a regular expression like /pattern/");
        }

        cursor.Advance();
        var options = token.Kind == MqlTokenKind.Regex ? (RegexOptions)(int)token.Number : RegexOptions.None;
        try
        {
            _ = new Regex(token.Value!, options);
        }
        catch (ArgumentException e)
        {
            throw cursor.ErrorAt(token.Position, $"invalid regular expression: {e.Message}");
        }

        return new RegexExpr(position, left, token.Value!, options);
    }

    /// <summary>The block is parsed here, once, so a malformed one is a positioned query error, never a per-record cost.</summary>
    private static CidrExpr ParseCidr(TokenCursor cursor, int position, Expr left)
    {
        var token = cursor.Current;
        if (token.Kind != MqlTokenKind.String)
        {
            throw cursor.Unexpected("a CIDR block in quotes, like '10.0.0.0/8'");
        }

        if (!IpBlock.TryParse(token.Value!, out var block, out var error))
        {
            throw cursor.ErrorAt(token.Position, error);
        }

        cursor.Advance();
        return new CidrExpr(position, left, block);
    }

    public static Expr ParseOperand(TokenCursor cursor, bool allowAggregates)
    {
        var token = cursor.Current;
        switch (token.Kind)
        {
            case MqlTokenKind.LParen:
                cursor.Enter(cursor.Advance());
                var inner = ParseExpression(cursor, allowAggregates);
                cursor.Expect(MqlTokenKind.RParen, "')'");
                cursor.Exit();
                return inner;
            case MqlTokenKind.Number:
                cursor.Advance();
                return new LiteralExpr(token.Position, MqlValue.FromNumber(token.Number), cursor.TextOf(token));
            case MqlTokenKind.String:
                cursor.Advance();
                return new LiteralExpr(token.Position, MqlValue.FromString(token.Value), token.Value!);
            case MqlTokenKind.True or MqlTokenKind.False:
                cursor.Advance();
                return new LiteralExpr(token.Position, MqlValue.FromBoolean(token.Kind == MqlTokenKind.True), token.Kind == MqlTokenKind.True ? "true" : "false");
            case MqlTokenKind.Null:
                cursor.Advance();
                return new LiteralExpr(token.Position, MqlValue.Null, "null");
            case MqlTokenKind.Identifier when cursor.PeekNext.Kind == MqlTokenKind.LParen && AggregateParser.IsAggregateName(cursor.TextOf(token)):
                if (!allowAggregates)
                {
                    throw cursor.ErrorAt(token.Position, $"aggregate {cursor.TextOf(token).ToUpperInvariant()} is not allowed here");
                }

                return AggregateParser.Parse(cursor);
            case MqlTokenKind.Identifier:
                return ParseProperty(cursor);
            default:
                throw cursor.Unexpected(OperandExpected);
        }
    }

    public static PropertyExpr ParseProperty(TokenCursor cursor)
    {
        var first = cursor.Expect(MqlTokenKind.Identifier, "a property");
        var segments = new List<PathSegment>();
        var isRoot = cursor.Is(MqlTokenKind.LBracket) && cursor.TextOf(first) == "e";
        if (!isRoot)
        {
            segments.Add(PathSegment.ForKey(cursor.TextOf(first), dotted: true));
        }

        while (true)
        {
            if (cursor.TryConsume(MqlTokenKind.Dot))
            {
                segments.Add(PathSegment.ForKey(cursor.TextOf(cursor.Expect(MqlTokenKind.Identifier, "a property name after '.'")), dotted: true));
                continue;
            }

            if (!cursor.TryConsume(MqlTokenKind.LBracket))
            {
                break;
            }

            var token = cursor.Current;
            if (token.Kind == MqlTokenKind.String)
            {
                segments.Add(PathSegment.ForKey(token.Value!));
            }
            else if (token.Kind == MqlTokenKind.Number && token.Number >= 0 && token.Number == Math.Floor(token.Number) && token.Number <= int.MaxValue)
            {
                segments.Add(PathSegment.ForIndex((int)token.Number));
            }
            else if (token.Kind == MqlTokenKind.Star)
            {
                segments.Add(PathSegment.Any);
            }
            else
            {
                throw cursor.Unexpected("a quoted key, an index or '*'");
            }

            cursor.Advance();
            cursor.Expect(MqlTokenKind.RBracket, "']'");
        }

        return new PropertyExpr(first.Position, segments);
    }

    internal static string FormatNumber(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
