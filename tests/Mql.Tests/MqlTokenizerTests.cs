using StreamJobs.Mql.Syntax;
using Xunit;

namespace StreamJobs.Mql.Tests;

public class MqlTokenizerTests
{
    private static MqlTokenKind[] Kinds(string text) => MqlTokenizer.Tokenize(text).Select(t => t.Kind).ToArray();

    [Fact]
    public void Keywords_are_case_insensitive_and_identifiers_are_not_keywords()
    {
        Assert.Equal(
            [MqlTokenKind.Select, MqlTokenKind.Star, MqlTokenKind.From, MqlTokenKind.Identifier, MqlTokenKind.Where, MqlTokenKind.Identifier, MqlTokenKind.End],
            Kinds("SeLeCt * FROM flow-windows wHeRe selected"));
    }

    [Theory]
    [InlineData("==", "Equal")]
    [InlineData("=", "Equal")]
    [InlineData("!=", "NotEqual")]
    [InlineData("<>", "NotEqual")]
    [InlineData("<", "Less")]
    [InlineData("<=", "LessOrEqual")]
    [InlineData(">", "Greater")]
    [InlineData(">=", "GreaterOrEqual")]
    [InlineData("==~", "RegexMatch")]
    [InlineData("==+", "Contains")]
    [InlineData("&&", "And")]
    [InlineData("||", "Or")]
    [InlineData("!", "Not")]
    public void Operators_are_recognised(string text, string kind)
    {
        Assert.Equal([Enum.Parse<MqlTokenKind>(kind), MqlTokenKind.End], Kinds(text));
    }

    [Fact]
    public void Regex_literal_is_only_read_after_the_match_operator()
    {
        var tokens = MqlTokenizer.Tokenize(@"a ==~ /x\/y\d+/i");

        Assert.Equal(MqlTokenKind.Regex, tokens[2].Kind);
        Assert.Equal(@"x/y\d+", tokens[2].Value);
        Assert.Equal((int)System.Text.RegularExpressions.RegexOptions.IgnoreCase, (int)tokens[2].Number);
        Assert.Throws<MqlSyntaxException>(() => MqlTokenizer.Tokenize("a == /x/"));
    }

    [Fact]
    public void Strings_decode_escapes_in_both_quote_styles()
    {
        var tokens = MqlTokenizer.Tokenize("""'it\'s' "a\"b\n\u0041" """);

        Assert.Equal("it's", tokens[0].Value);
        Assert.Equal("a\"b\nA", tokens[1].Value);
    }

    [Fact]
    public void Numbers_include_sign_fraction_and_exponent_and_positions_are_offsets()
    {
        var tokens = MqlTokenizer.Tokenize("x > -1.5e2");

        Assert.Equal(-150, tokens[2].Number);
        Assert.Equal(4, tokens[2].Position);
        Assert.Equal(6, tokens[2].Length);
    }

    [Fact]
    public void Unterminated_string_reports_the_opening_quote()
    {
        var error = Assert.Throws<MqlSyntaxException>(() => MqlTokenizer.Tokenize("a == 'abc")).Error;

        Assert.Equal(6, error.Column);
        Assert.Equal("unterminated string literal", error.Message);
    }
}
