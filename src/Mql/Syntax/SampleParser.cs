using System.Globalization;

namespace StreamJobs.Mql.Syntax;

/// <summary>
/// The SAMPLE object: JSON-like, with single or double quotes as Mantis accepts, e.g.
/// <c>{'strategy': 'STICKY', 'keys': ['zip'], 'threshold': 200, 'factor': 10000, 'salt': 1}</c>.
/// </summary>
internal static class SampleParser
{
    public static MqlSample Parse(TokenCursor cursor)
    {
        var open = cursor.Expect(MqlTokenKind.LBrace, "'{' to start the SAMPLE options");
        MqlSampleStrategy? strategy = null;
        long? threshold = null, factor = null;
        var keys = new List<string>();
        var keysSeen = false;
        var salt = string.Empty;
        var thresholdPosition = 0;
        if (!cursor.Is(MqlTokenKind.RBrace))
        {
            do
            {
                var nameToken = cursor.Current;
                if (nameToken.Kind is not (MqlTokenKind.String or MqlTokenKind.Identifier))
                {
                    throw cursor.Unexpected("a quoted SAMPLE option name");
                }

                cursor.Advance();
                var name = nameToken.Value ?? cursor.TextOf(nameToken);
                cursor.Expect(MqlTokenKind.Colon, "':'");
                var value = cursor.Current;
                switch (name.ToLowerInvariant())
                {
                    case "strategy":
                        strategy = ReadStrategy(cursor);
                        break;
                    case "threshold":
                        thresholdPosition = value.Position;
                        threshold = ReadWholeNumber(cursor, "threshold");
                        break;
                    case "factor":
                        factor = ReadWholeNumber(cursor, "factor");
                        if (factor == 0)
                        {
                            throw cursor.ErrorAt(value.Position, "SAMPLE factor must be greater than 0");
                        }

                        break;
                    case "keys":
                        keysSeen = true;
                        ReadKeys(cursor, keys);
                        break;
                    case "salt":
                        salt = ReadSalt(cursor);
                        break;
                    default:
                        throw cursor.ErrorAt(nameToken.Position, $"unknown SAMPLE option '{name}' (expected strategy, threshold, factor, keys or salt)");
                }
            }
            while (cursor.TryConsume(MqlTokenKind.Comma));
        }

        cursor.Expect(MqlTokenKind.RBrace, "',' or '}'");
        var missing = strategy is null ? "strategy" : threshold is null ? "threshold" : factor is null ? "factor" : null;
        if (missing is not null)
        {
            throw cursor.ErrorAt(open.Position, $"SAMPLE needs a '{missing}' option");
        }

        if (threshold > factor)
        {
            throw cursor.ErrorAt(thresholdPosition, $"SAMPLE threshold ({threshold}) must not exceed factor ({factor})");
        }

        if (strategy == MqlSampleStrategy.Sticky && (!keysSeen || keys.Count == 0))
        {
            throw cursor.ErrorAt(open.Position, "SAMPLE strategy STICKY needs a non-empty 'keys' list");
        }

        return new MqlSample(strategy!.Value, threshold!.Value, factor!.Value, keys, salt);
    }

    private static MqlSampleStrategy ReadStrategy(TokenCursor cursor)
    {
        var token = cursor.Current;
        var text = token.Kind is MqlTokenKind.String ? token.Value : null;
        var strategy = text?.ToUpperInvariant() switch
        {
            "RANDOM" => MqlSampleStrategy.Random,
            "STICKY" => MqlSampleStrategy.Sticky,
            _ => throw cursor.ErrorAt(token.Position, $"SAMPLE strategy must be 'RANDOM' or 'STICKY' but found {token.Describe(cursor.Text)}"),
        };
        cursor.Advance();
        return strategy;
    }

    private static long ReadWholeNumber(TokenCursor cursor, string option)
    {
        var token = cursor.Current;
        if (token.Kind != MqlTokenKind.Number || token.Number < 0 || token.Number != Math.Floor(token.Number) || token.Number > long.MaxValue / 2)
        {
            throw cursor.ErrorAt(token.Position, $"SAMPLE {option} must be a whole number of at least 0 but found {token.Describe(cursor.Text)}");
        }

        cursor.Advance();
        return (long)token.Number;
    }

    private static void ReadKeys(TokenCursor cursor, List<string> keys)
    {
        cursor.Expect(MqlTokenKind.LBracket, "'[' to start the SAMPLE keys");
        if (cursor.TryConsume(MqlTokenKind.RBracket))
        {
            return;
        }

        do
        {
            var key = cursor.Current;
            if (key.Kind != MqlTokenKind.String)
            {
                throw cursor.Unexpected("a quoted key name");
            }

            cursor.Advance();
            keys.Add(key.Value!);
        }
        while (cursor.TryConsume(MqlTokenKind.Comma));
        cursor.Expect(MqlTokenKind.RBracket, "',' or ']'");
    }

    private static string ReadSalt(TokenCursor cursor)
    {
        var token = cursor.Current;
        var salt = token.Kind switch
        {
            MqlTokenKind.String => token.Value!,
            MqlTokenKind.Number => token.Number.ToString("R", CultureInfo.InvariantCulture),
            _ => throw cursor.Unexpected("a string or number salt"),
        };
        cursor.Advance();
        return salt;
    }
}
