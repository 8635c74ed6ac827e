using System.Globalization;
using StreamJobs.Mql.Ast;

namespace StreamJobs.Mql.Syntax;

/// <summary>
/// <c>aggregate := NAME ( [DISTINCT] ( * | property ) )</c> with NAME one of COUNT, SUM, MIN, MAX,
/// AVERAGE (or AVG), LIST, or Pnn for a percentile.
/// </summary>
internal static class AggregateParser
{
    public static bool IsAggregateName(string name) => TryGetKind(name, out _, out _);

    public static AggregateExpr Parse(TokenCursor cursor)
    {
        var nameToken = cursor.Advance();
        var name = cursor.TextOf(nameToken);
        TryGetKind(name, out var kind, out var percentile);
        cursor.Expect(MqlTokenKind.LParen, "'('");
        var distinct = cursor.TryConsume(MqlTokenKind.Distinct);
        PropertyExpr? argument = null;
        if (cursor.Is(MqlTokenKind.Star) && kind == AggregateKind.Count && !distinct)
        {
            cursor.Advance();
        }
        else
        {
            argument = ExpressionParser.ParseProperty(cursor);
        }

        cursor.Expect(MqlTokenKind.RParen, "')'");
        var canonical = name.ToUpperInvariant() == "AVG" ? "AVERAGE" : name.ToUpperInvariant();
        var column = $"{canonical}({(distinct ? "DISTINCT " : string.Empty)}{argument?.Name ?? "*"})";
        return new AggregateExpr(nameToken.Position, kind, percentile, distinct, argument, column);
    }

    private static bool TryGetKind(string name, out AggregateKind kind, out double percentile)
    {
        percentile = 0;
        switch (name.ToUpperInvariant())
        {
            case "COUNT": kind = AggregateKind.Count; return true;
            case "SUM": kind = AggregateKind.Sum; return true;
            case "MIN": kind = AggregateKind.Min; return true;
            case "MAX": kind = AggregateKind.Max; return true;
            case "AVERAGE" or "AVG": kind = AggregateKind.Average; return true;
            case "LIST": kind = AggregateKind.List; return true;
        }

        kind = AggregateKind.Percentile;
        if (name.Length < 2 || name[0] is not ('P' or 'p') || name.AsSpan(1).ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        // P5 and P50 are percents; longer digit strings read as a fraction, so P999 is 99.9%.
        var digits = name.AsSpan(1);
        percentile = digits.Length <= 2
            ? int.Parse(digits, CultureInfo.InvariantCulture) / 100.0
            : double.Parse("0." + digits.ToString(), CultureInfo.InvariantCulture);
        return true;
    }
}
