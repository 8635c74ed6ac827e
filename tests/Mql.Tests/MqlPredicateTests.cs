using StreamJobs.Mql.Tests.Support;
using Xunit;
using static StreamJobs.Mql.Tests.Support.TraceBuilder;

namespace StreamJobs.Mql.Tests;

public class MqlPredicateTests
{
    [Fact]
    public void Predicate_compiles_a_bare_where_expression()
    {
        var predicate = Mql.CompilePredicate("durationMicros > 5000 || tags['http.status_code'] ==~ /^5/", TestSchemas.Trace);

        Assert.True(predicate.Matches(Trace(durationMicros: 6000)));
        Assert.True(predicate.Matches(Trace(tags: new() { ["http.status_code"] = "503" })));
        Assert.False(predicate.Matches(Trace(tags: new() { ["http.status_code"] = "200" })));
        Assert.Equal(0, predicate.RegexTimeouts);
    }

    [Fact]
    public void Leading_where_is_accepted()
    {
        Assert.True(Mql.CompilePredicate("WHERE service == 'api'", TestSchemas.Trace).Matches(Trace(service: "api")));
    }

    [Fact]
    public void Bad_predicate_reports_position()
    {
        Assert.False(Mql.TryCompilePredicate("service == 'api' limit 3", TestSchemas.Trace, out var predicate, out var error));

        Assert.Null(predicate);
        Assert.Equal("line 1, column 18: expected AND, OR or end of input but found 'limit'", error.ToString());
        Assert.Throws<MqlParseException>(() => Mql.CompilePredicate("count(*) > 1", TestSchemas.Trace));
    }

    [Fact]
    public void Predicate_reports_unknown_properties()
    {
        var predicate = Mql.CompilePredicate("servce == 'api'", TestSchemas.Trace);

        Assert.Equal(["servce"], predicate.UnknownProperties);
        Assert.False(predicate.Matches(Trace(service: "api")));
    }
}
