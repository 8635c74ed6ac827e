using System.Diagnostics;
using System.Text;
using System.Text.Json;
using StreamJobs.Mql.Tests.Support;
using Xunit;

namespace StreamJobs.Mql.Tests;

/// <summary>
/// Queries built to crash or stall whatever parses them: each must give a positioned error or a correct result,
/// quickly, and never overflow the stack (which would take the whole test process down).
/// </summary>
public class HostileQueryTests
{
    private const string Prefix = "select * from spans where ";
    private const string DepthMessage = "expression nested deeper than 64 levels (each '(' and NOT opens one; MqlLimits.MaxDepth)";
    private static readonly MqlLimits Unbounded = new() { MaxQueryLength = int.MaxValue };
    private static readonly JsonElement X = Json.Parse("""{"name":"x","n":3}""");
    private static readonly JsonElement Y = Json.Parse("""{"name":"y","n":3}""");

    [Fact]
    public void Sixteen_thousand_nested_parentheses_are_over_the_default_length()
    {
        var text = Prefix + new string('(', 16_000) + "name == 'x'" + new string(')', 16_000);

        var error = ParseError(text);

        Assert.Equal($"line 1, column 16385: query is {text.Length} characters long, over the limit of 16384 (MqlLimits.MaxQueryLength)", error.ToString());
    }

    [Fact]
    public void Sixteen_thousand_nested_parentheses_stop_at_the_depth_limit_whatever_the_length_limit()
    {
        var text = Prefix + new string('(', 16_000) + "name == 'x'" + new string(')', 16_000);

        var error = ParseError(text, Unbounded);

        // The 65th '(' opens the 65th level.
        Assert.Equal($"line 1, column {Prefix.Length + 65}: {DepthMessage}", error.ToString());
    }

    [Fact]
    public void Nesting_up_to_the_limit_is_accepted_and_evaluates()
    {
        var query = Mql.Parse(Prefix + new string('(', 64) + "name == 'x'" + new string(')', 64));
        var compiled = query.Compile(MqlSchema.Json);

        Assert.True(compiled.Matches(X));
        Assert.False(compiled.Matches(Y));
        Assert.Equal(
            $"line 1, column {Prefix.Length + 4}: expression nested deeper than 3 levels (each '(' and NOT opens one; MqlLimits.MaxDepth)",
            ParseError(Prefix + "((((name == 'x'))))", new MqlLimits { MaxDepth = 3 }).ToString());
    }

    [Fact]
    public void A_200000_term_or_chain_is_over_the_default_length_and_compiles_flat_when_allowed()
    {
        var text = OrChain(200_000);
        Assert.True(text.Length > 4_000_000);

        var watch = Stopwatch.StartNew();
        Assert.Equal($"line 1, column 16385: query is {text.Length} characters long, over the limit of 16384 (MqlLimits.MaxQueryLength)", ParseError(text).ToString());
        Assert.True(watch.ElapsedMilliseconds < 100, $"refusing took {watch.ElapsedMilliseconds} ms");

        var compiled = Mql.Parse(text, Unbounded).Compile(MqlSchema.Json);
        Assert.True(compiled.Matches(Json.Parse("""{"name":"x199999"}""")));
        Assert.True(compiled.Matches(Json.Parse("""{"name":"x0"}""")));
        Assert.False(compiled.Matches(X));
    }

    [Fact]
    public void Long_and_chains_compile_as_a_predicate_and_in_having()
    {
        var terms = string.Join(" and ", Enumerable.Range(0, 100_000).Select(i => $"n > {i % 3 - 1}"));
        var predicate = Mql.CompilePredicate(terms, MqlSchema.Json, new MqlCompileOptions { Limits = Unbounded });
        Assert.True(predicate.Matches(X));
        Assert.False(predicate.Matches(Json.Parse("""{"n":1}""")));

        var having = string.Join(" or ", Enumerable.Range(0, 50_000).Select(i => $"c == {i + 2}"));
        var aggregator = Mql.Parse($"select name, count(*) as c group by name having {having}", Unbounded).Compile(MqlSchema.Json).CreateAggregator();
        aggregator.Add(X);
        aggregator.Add(X);
        aggregator.Add(Y);
        Assert.Equal(["""{"name":"x","c":2}"""], aggregator.Flush().Select(r => r.ToString()));
    }

    [Fact]
    public void A_hundred_thousand_unknown_properties_are_reported_in_linear_time()
    {
        var text = "select traceId where " + string.Join(" or ", Enumerable.Range(0, 100_000).Select(i => $"u{i} == 1"));
        var query = Mql.Parse(text, Unbounded);

        var watch = Stopwatch.StartNew();
        var compiled = query.Compile(TestSchemas.Trace);

        // Checking each name against a list of those seen took minutes; a set takes well under a second.
        Assert.Equal(100_000, compiled.UnknownProperties.Count);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(4), $"compiling took {watch.Elapsed}");
    }

    [Fact]
    public void The_default_length_limit_refuses_a_predicate_with_its_position()
    {
        Assert.False(Mql.TryCompilePredicate(OrChain(2_000)[Prefix.Length..], MqlSchema.Json, out _, out var error));

        Assert.Equal(1, error.Line);
        Assert.Equal(16385, error.Column);
        Assert.StartsWith("expression is ", error.Message);
        Assert.EndsWith(" characters long, over the limit of 16384 (MqlLimits.MaxQueryLength)", error.Message);
    }

    [Fact]
    public void A_long_string_literal_within_the_limit_matches_and_one_past_it_is_refused()
    {
        var value = new string('v', 16_000);
        var record = Json.Parse($$"""{"name":"{{value}}"}""");
        Assert.True(Mql.Parse($"{Prefix}name == '{value}'").Compile(MqlSchema.Json).Matches(record));

        var error = ParseError($"{Prefix}name == '{new string('v', 1_000_000)}'");
        Assert.Equal(16385, error.Column);
    }

    [Theory]
    [InlineData("not ", 16385)]
    [InlineData("!", 91)]
    public void A_deep_not_chain_stops_at_the_depth_limit(string not, int column)
    {
        var text = Prefix + string.Concat(Enumerable.Repeat(not, 16_000)) + "name == 'x'";

        // 16,000 "not " are over the length limit; 16,000 '!' are within it and stop at the 65th.
        Assert.Equal(column, ParseError(text).Column);
        Assert.Equal($"line 1, column {Prefix.Length + 64 * not.Length + 1}: {DepthMessage}", ParseError(text, Unbounded).ToString());

        // 64 NOTs are allowed and cancel out.
        var even = Mql.Parse(Prefix + string.Concat(Enumerable.Repeat(not, 64)) + "name == 'x'").Compile(MqlSchema.Json);
        Assert.True(even.Matches(X));
        Assert.False(even.Matches(Y));
    }

    [Theory]
    [InlineData("select ", " from spans")]
    [InlineData("select count(*) as n group by name having ", " > 1")]
    [InlineData("select name order by ", " desc")]
    [InlineData("select * where ", " == true")]
    public void Deep_nesting_in_every_clause_stops_at_the_depth_limit(string before, string after)
    {
        var text = before + new string('(', 10_000) + "n" + new string(')', 10_000) + after;

        Assert.Equal($"line 1, column {before.Length + 65}: {DepthMessage}", ParseError(text, Unbounded).ToString());
    }

    [Fact]
    public void Aggregates_do_not_nest()
    {
        Assert.Equal("line 1, column 19: expected ')' but found '('", ParseError("select count(count(count(x)))").ToString());
    }

    [Fact]
    public void Nesting_on_a_small_stack_is_an_error_not_a_crash()
    {
        // 1,000 levels (the ceiling) on a 256 KiB thread: the stack check turns what would overflow into an error.
        var text = Prefix + new string('(', 1_000) + "name == 'x'" + new string(')', 1_000);
        var limits = new MqlLimits { MaxDepth = MqlLimits.DepthCeiling };
        string? outcome = null;
        var thread = new Thread(() => outcome = Mql.TryParse(text, out _, out var error, limits) ? "parsed" : error.Message, 256 * 1024);
        thread.Start();
        thread.Join();

        Assert.NotNull(outcome);
        Assert.True(outcome is "parsed" || outcome.StartsWith("expression nested too deeply for the stack at level ", StringComparison.Ordinal), outcome);
    }

    [Fact]
    public void Limits_outside_their_range_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MqlLimits { MaxQueryLength = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new MqlLimits { MaxDepth = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new MqlLimits { MaxDepth = MqlLimits.DepthCeiling + 1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new MqlLimits { MaxOverlappingWindows = 0 });
        Assert.Equal(1000, MqlLimits.Default.MaxOverlappingWindows);
        Assert.Equal(16_384, MqlLimits.Default.MaxQueryLength);
        Assert.Equal(64, MqlLimits.Default.MaxDepth);
        Assert.Same(MqlLimits.Default, MqlCompileOptions.Default.Limits);
    }

    [Fact]
    public void A_sliding_window_may_put_a_record_in_at_most_the_limit_of_windows()
    {
        var aggregator = Mql.Parse("select count(*) as n window 1000 1").Compile(MqlSchema.Json).CreateAggregator();
        aggregator.Add(X, DateTimeOffset.UnixEpoch.AddSeconds(5000));
        Assert.Equal(1000, aggregator.Flush().Count);

        Assert.Equal(
            "line 1, column 40: window 2147483647s sliding by 2s puts each record in 1073741824 windows, over the limit of 1000 (MqlLimits.MaxOverlappingWindows)",
            ParseError("select count(*) as n window 2147483647 2").ToString());
        Assert.NotNull(Mql.Parse("select count(*) window 2000 1", new MqlLimits { MaxOverlappingWindows = 2000 }).Window);
    }

    [Fact]
    public void More_regex_terms_than_the_limit_get_an_error_at_the_first_one_over()
    {
        var terms = Enumerable.Repeat("name ==~ /^(a+)+$/", 17).ToArray();
        var text = Prefix + string.Join(" or ", terms);
        var column = text.LastIndexOf("==~", StringComparison.Ordinal) + 1;

        Assert.Equal($"line 1, column {column}: more than 16 regex terms (==~); combine alternatives into one pattern like /^(a|b)$/ (MqlLimits.MaxRegexTerms)",
            ParseError(text).ToString());
        Assert.True(Mql.TryParse(Prefix + string.Join(" or ", terms[..16]), out _, out _));
        Assert.True(Mql.TryParse(Prefix + string.Join(" or ", terms), out _, out _, new MqlLimits { MaxRegexTerms = 17 }));
    }

    [Theory]
    [InlineData("10.0.0.0/99999999999999999999", "the prefix length after '/' must be a whole number from 0 to 32")]
    [InlineData("10.0.0.0/٨", "the prefix length after '/' must be a whole number from 0 to 32")]
    [InlineData("10.0.0.0/+8", "the prefix length after '/' must be a whole number from 0 to 32")]
    [InlineData("10.0.0.0/ 8", "the prefix length after '/' must be a whole number from 0 to 32")]
    [InlineData("10.0.0.0/8/8", "the prefix length after '/' must be a whole number from 0 to 32")]
    [InlineData("١٠.0.0.0/8", "'١٠.0.0.0' is not an IPv4 or IPv6 address")]
    [InlineData("010.0.0.0/8", "'010.0.0.0' is not an IPv4 or IPv6 address")]
    [InlineData("0x0a.0.0.0/8", "'0x0a.0.0.0' is not an IPv4 or IPv6 address")]
    [InlineData("256.0.0.0/8", "'256.0.0.0' is not an IPv4 or IPv6 address")]
    [InlineData("1.2.3.4.5/8", "'1.2.3.4.5' is not an IPv4 or IPv6 address")]
    [InlineData("fe80::1%eth0/64", "'fe80::1%eth0' is not an IPv4 or IPv6 address")]
    [InlineData("[fd00::]/8", "'[fd00::]' is not an IPv4 or IPv6 address")]
    [InlineData("fd00:::/8", "'fd00:::' is not an IPv4 or IPv6 address")]
    [InlineData("1:2:3:4:5:6:7:8:9/64", "'1:2:3:4:5:6:7:8:9' is not an IPv4 or IPv6 address")]
    [InlineData("/8", "'' is not an IPv4 or IPv6 address")]
    [InlineData("10.0.0.0\u0000/8", "'10.0.0.0\0' is not an IPv4 or IPv6 address")]
    public void Malformed_cidr_blocks_are_positioned_query_errors(string block, string reason)
    {
        var error = ParseError($"{Prefix}ip in '{block}'");

        Assert.Equal(Prefix.Length + 7, error.Column);
        Assert.StartsWith($"'{block}' is not a CIDR block", error.Message);
        Assert.EndsWith(reason, error.Message);
    }

    [Fact]
    public void A_megabyte_cidr_literal_is_refused_quickly_without_being_echoed()
    {
        var block = "10." + new string('1', 1_000_000) + ".0.0/8";

        var watch = Stopwatch.StartNew();
        var error = ParseError($"{Prefix}ip in '{block}'", Unbounded);

        Assert.True(watch.ElapsedMilliseconds < 500, $"refusing took {watch.ElapsedMilliseconds} ms");
        Assert.Equal($"a {block.Length}-character string is not a CIDR block: longer than 49 characters", error.Message);
    }

    private static MqlError ParseError(string text, MqlLimits? limits = null)
    {
        Assert.False(Mql.TryParse(text, out _, out var error, limits));
        return error;
    }

    private static string OrChain(int terms)
    {
        var text = new StringBuilder(Prefix);
        for (var i = 0; i < terms; i++)
        {
            text.Append(i == 0 ? string.Empty : " or ").Append("name == 'x").Append(i).Append('\'');
        }

        return text.ToString();
    }
}
