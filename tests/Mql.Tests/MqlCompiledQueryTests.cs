using StreamJobs.Mql.Tests.Support;
using Xunit;
using static StreamJobs.Mql.Tests.Support.TraceBuilder;

namespace StreamJobs.Mql.Tests;

public class MqlCompiledQueryTests
{
    [Fact]
    public void Limit_stops_writing_and_marks_the_query_done()
    {
        var query = Mql.Parse("select traceId where error == true limit 2").Compile(TestSchemas.Trace);
        var written = new List<string>();

        foreach (var trace in new[] { Trace("a", error: true), Trace("b"), Trace("c", error: true), Trace("d", error: true) })
        {
            written.Add(Json.Write(w => query.TryWrite(w, trace)));
        }

        Assert.Equal(["""{"traceId":"a"}""", "", """{"traceId":"c"}""", ""], written);
        Assert.True(query.IsDone);
    }

    [Fact]
    public void Query_without_limit_is_never_done()
    {
        var query = Mql.Parse("select traceId").Compile(TestSchemas.Trace);

        Assert.True(query.TryWrite(new System.Text.Json.Utf8JsonWriter(Stream.Null), Trace()));
        Assert.False(query.IsDone);
    }

    [Fact]
    public void Regex_timeout_counts_as_no_match_and_is_counted()
    {
        var options = new MqlCompileOptions { RegexTimeout = TimeSpan.FromMilliseconds(1) };
        var query = Mql.Parse("select * where traceId ==~ /^(a+)+$/").Compile(TestSchemas.Trace, options);
        var evil = new string('a', 40) + "!";

        Assert.False(query.Matches(Trace(traceId: evil)));
        Assert.Equal(1, query.RegexTimeouts);
        Assert.True(query.Matches(Trace(traceId: "aaa")));
    }

    [Fact]
    public void Non_backtracking_regexes_match_a_catastrophic_pattern_in_linear_time_and_never_emit_code()
    {
        // Backtracking needs about 2^40 steps on this input (hours; the test above times it out in 1 ms). 250 ms is far
        // below that and far above what a busy machine adds to the first match, which also builds the automaton: with
        // 1 ms this test failed once under CI load.
        var options = new MqlCompileOptions { RegexTimeout = TimeSpan.FromMilliseconds(250), NonBacktrackingRegexes = true };
        var query = Mql.Parse("select * where traceId ==~ /^(a+)+$/i or traceId ==~ /^(?=b)b+(?<!c)$/").Compile(TestSchemas.Trace, options);
        var evil = new string('a', 40) + "!";

        Assert.False(query.Matches(Trace(traceId: evil)));
        Assert.Equal(0, query.RegexTimeouts);
        Assert.True(query.Matches(Trace(traceId: "AAA")));
        Assert.True(query.Matches(Trace(traceId: "bbb"))); // lookarounds fall back to the interpreter
        var regexes = query.Compiler.Regexes.ToArray();
        Assert.All(regexes, r => Assert.False(r.Options.HasFlag(System.Text.RegularExpressions.RegexOptions.Compiled)));
        Assert.Single(regexes, r => r.Options.HasFlag(System.Text.RegularExpressions.RegexOptions.NonBacktracking));
    }

    [Fact]
    public void Skipped_regex_tests_count_as_no_match_without_running()
    {
        var skip = false;
        var options = new MqlCompileOptions { RegexTimeout = TimeSpan.FromMilliseconds(50), SkipRegexes = () => skip };
        var query = Mql.Parse("select * where traceId ==~ /^(a+)+$/ or traceId ==~ /^a/").Compile(TestSchemas.Trace, options);

        Assert.True(query.Matches(Trace(traceId: "aaa")));
        skip = true;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Assert.False(query.Matches(Trace(traceId: "aaa")));
        Assert.False(query.Matches(Trace(traceId: new string('a', 40) + "!")));
        Assert.Equal(0, query.RegexTimeouts);
        Assert.True(clock.ElapsedMilliseconds < 40, $"skipped tests took {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void Any_element_paths_match_when_some_element_matches()
    {
        var query = Mql.Parse("select * where spans[*].status == 'ERROR' and spans[*].tags['peer'] ==~ /^db-/").Compile(TestSchemas.Trace);

        Assert.True(query.Matches(Trace(spans: [Span("a"), Span("b", "ERROR", tags: new() { ["peer"] = "db-1" })])));
        Assert.False(query.Matches(Trace(spans: [Span("a"), Span("b", tags: new() { ["peer"] = "db-1" })])));
        Assert.False(query.Matches(Trace(spans: [])));
    }

    [Fact]
    public void Enum_and_boolean_properties_compare_by_name_and_value()
    {
        var query = Mql.Parse("select * where kind == 'Client' and not error").Compile(TestSchemas.Trace);

        Assert.True(query.Matches(Trace(kind: TestKind.Client)));
        Assert.False(query.Matches(Trace(kind: TestKind.Server)));
        Assert.False(query.Matches(Trace(kind: TestKind.Client, error: true)));
    }
}
