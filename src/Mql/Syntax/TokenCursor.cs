namespace StreamJobs.Mql.Syntax;

/// <summary>A position in the token list plus the helpers every grammar rule uses to consume or fail.</summary>
internal sealed class TokenCursor(string text, List<MqlToken> tokens)
{
    private int _index;

    public string Text { get; } = text;

    public MqlToken Current => tokens[_index];

    public MqlToken PeekNext => tokens[Math.Min(_index + 1, tokens.Count - 1)];

    public bool Is(MqlTokenKind kind) => Current.Kind == kind;

    public MqlToken Advance()
    {
        var token = tokens[_index];
        if (_index < tokens.Count - 1)
        {
            _index++;
        }

        return token;
    }

    public bool TryConsume(MqlTokenKind kind)
    {
        if (!Is(kind))
        {
            return false;
        }

        Advance();
        return true;
    }

    public MqlToken Expect(MqlTokenKind kind, string expected) =>
        Is(kind) ? Advance() : throw Unexpected(expected);

    public string TextOf(MqlToken token) => token.Text(Text);

    /// <summary>The standard "expected X but found Y" error at the current token.</summary>
    public MqlSyntaxException Unexpected(string expected) =>
        new(MqlError.Unexpected(Text, Current.Position, expected, Current.Describe(Text)));

    public MqlSyntaxException ErrorAt(int position, string message) => new(new MqlError(Text, position, message));

    public int ExpectWholeNumber(string expected, int minimum, string subject)
    {
        var token = Current;
        if (token.Kind != MqlTokenKind.Number || token.Number != Math.Floor(token.Number) || token.Number > int.MaxValue)
        {
            throw Unexpected(expected);
        }

        if (token.Number < minimum)
        {
            throw ErrorAt(token.Position, $"{subject} must be at least {minimum} but was {TextOf(token)}");
        }

        Advance();
        return (int)token.Number;
    }
}
