using System.Runtime.CompilerServices;

namespace StreamJobs.Mql.Syntax;

/// <summary>
/// A position in the token list plus the helpers every grammar rule uses to consume or fail, and the nesting
/// depth, which <see cref="MqlLimits.MaxDepth"/> bounds so the recursive descent cannot exhaust the stack.
/// </summary>
internal sealed class TokenCursor(string text, List<MqlToken> tokens, int maxDepth = MqlLimits.DepthCeiling, int maxRegexTerms = int.MaxValue)
{
    private int _index;
    private int _depth;
    private int _regexTerms;

    /// <summary>
    /// Checks the length of <paramref name="text"/> before tokenizing it (a 4 MB query must not cost 4 MB of tokens
    /// first) and returns a cursor at its first token. <paramref name="subject"/> names the text in the error.
    /// </summary>
    public static TokenCursor Create(string text, MqlLimits limits, string subject)
    {
        if (text.Length > limits.MaxQueryLength)
        {
            throw new MqlSyntaxException(new MqlError(text, limits.MaxQueryLength,
                $"{subject} is {text.Length} characters long, over the limit of {limits.MaxQueryLength} ({nameof(MqlLimits)}.{nameof(MqlLimits.MaxQueryLength)})"));
        }

        return new TokenCursor(text, MqlTokenizer.Tokenize(text), limits.MaxDepth, limits.MaxRegexTerms);
    }

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

    /// <summary>Counts one <c>==~</c> term at <paramref name="token"/>; past <see cref="MqlLimits.MaxRegexTerms"/> the query is refused there.</summary>
    public void CountRegex(MqlToken token)
    {
        if (++_regexTerms > maxRegexTerms)
        {
            throw ErrorAt(token.Position,
                $"more than {maxRegexTerms} regex terms (==~); combine alternatives into one pattern like /^(a|b)$/ ({nameof(MqlLimits)}.{nameof(MqlLimits.MaxRegexTerms)})");
        }
    }

    /// <summary>
    /// Opens one nesting level at <paramref name="token"/> (a '(' or NOT); pair with <see cref="Exit"/>. The stack
    /// check is a backstop for threads with unusually small stacks: it fails cleanly where recursion would crash.
    /// </summary>
    public void Enter(MqlToken token)
    {
        if (++_depth > maxDepth)
        {
            throw ErrorAt(token.Position,
                $"expression nested deeper than {maxDepth} levels (each '(' and NOT opens one; {nameof(MqlLimits)}.{nameof(MqlLimits.MaxDepth)})");
        }

        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw ErrorAt(token.Position, $"expression nested too deeply for the stack at level {_depth}");
        }
    }

    public void Exit() => _depth--;

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
