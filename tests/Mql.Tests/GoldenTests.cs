using StreamJobs.Mql.Tests.Support;
using Xunit;

namespace StreamJobs.Mql.Tests;

public class GoldenTests
{
    public static TheoryData<string, int, string, string> Cases()
    {
        var data = new TheoryData<string, int, string, string>();
        foreach (var c in GoldenFiles.Cases())
        {
            data.Add(c.File, c.Line, c.Query, c.Expected);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Query_produces_expected_output(string file, int line, string query, string expected)
    {
        Assert.True(line > 0, file);
        Assert.Equal(expected, GoldenRunner.Run(query));
    }

    [Fact]
    public void Golden_files_cover_every_clause()
    {
        var all = string.Join('\n', GoldenFiles.Cases().Select(c => c.Query.ToUpperInvariant()));
        foreach (var clause in new[] { "SELECT *", " AS ", "FROM", "WHERE", "==~", "==+", "<>", "!=", "&&", "||", "NOT", "[*]", "WINDOW",
                     "GROUP BY", "HAVING", "ORDER BY", "DESC", "LIMIT", "SAMPLE", "COUNT(", "SUM(", "MIN(", "MAX(", "AVERAGE(", "LIST(", "P50(", "P99(", "DISTINCT", "NULL" })
        {
            Assert.Contains(clause, all);
        }
    }
}
