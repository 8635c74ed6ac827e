using StreamJobs.Mql.Ast;
using Xunit;

namespace StreamJobs.Mql.Tests;

public class QueryParserTests
{
    [Fact]
    public void Parsed_query_exposes_its_clauses()
    {
        var query = Mql.Parse("select count(*) as 'n', service from sampled-traces where a > 1 window 60 10 group by service having n > 2 order by n desc limit 5 sample {'strategy':'RANDOM','threshold':1,'factor':10}");

        Assert.Equal("sampled-traces", query.Source);
        Assert.Equal(["n", "service"], query.Columns);
        Assert.True(query.IsAggregating);
        Assert.True(query.RequiresAggregator);
        Assert.Equal(new MqlWindow(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(10)), query.Window);
        Assert.False(query.Window!.Value.IsTumbling);
        Assert.Equal(5, query.Limit);
        Assert.Equal(MqlSampleStrategy.Random, query.Sample!.Strategy);
        Assert.True(query.HasWhere);
    }

    [Fact]
    public void From_is_optional_and_clauses_come_in_any_order()
    {
        var a = Mql.Parse("select * window 10 where x == 1 limit 3");
        var b = Mql.Parse("select * limit 3 where x == 1 window 10");

        Assert.Null(a.Source);
        Assert.Equal(a.Window, b.Window);
        Assert.Equal(a.Limit, b.Limit);
        Assert.True(a.SelectsAll);
        Assert.False(a.RequiresAggregator);
    }

    [Fact]
    public void And_binds_tighter_than_or_and_not_applies_to_its_operand()
    {
        var where = Mql.Parse("select * where not a == 1 or b == 2 and c == 3").Ast.Where;

        var or = Assert.IsType<LogicalExpr>(where);
        Assert.False(or.IsAnd);
        Assert.Equal(2, or.Operands.Count);
        Assert.IsType<NotExpr>(or.Operands[0]);
        Assert.True(Assert.IsType<LogicalExpr>(or.Operands[1]).IsAnd);
    }

    [Fact]
    public void Property_forms_produce_path_segments()
    {
        var select = Mql.Parse("select e['a']['b'], a.b, e['l'][0], e['l'][*]['s'], spans[2].tags.x").Ast.Select;

        Assert.Equal(["a.b", "a.b", "l.0", "l.*.s", "spans.2.tags.x"], select.Select(s => s.Name));
        Assert.False(((PropertyExpr)select[0].Expression).IsDotted);
        Assert.True(((PropertyExpr)select[1].Expression).IsDotted);
    }

    [Theory]
    [InlineData("p50", 0.5)]
    [InlineData("P90", 0.9)]
    [InlineData("p5", 0.05)]
    [InlineData("P999", 0.999)]
    public void Percentile_names_map_to_fractions(string name, double expected)
    {
        var aggregate = (AggregateExpr)Mql.Parse($"select {name}(d)").Ast.Select[0].Expression;

        Assert.Equal(AggregateKind.Percentile, aggregate.Kind);
        Assert.Equal(expected, aggregate.Percentile, 10);
    }

    [Fact]
    public void Parse_throws_with_the_error_and_try_parse_returns_it()
    {
        var exception = Assert.Throws<MqlParseException>(() => Mql.Parse("select * where"));
        Assert.False(Mql.TryParse("select * where", out var query, out var error));

        Assert.Null(query);
        Assert.Equal(exception.Error.ToString(), error.ToString());
        Assert.Equal(exception.Message, error.ToString());
        Assert.Equal("a property, a literal or '('", error.Expected);
        Assert.Equal("end of input", error.Found);
    }
}
