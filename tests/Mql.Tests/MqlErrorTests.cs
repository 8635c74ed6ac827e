using Xunit;

namespace StreamJobs.Mql.Tests;

public class MqlErrorTests
{
    [Fact]
    public void Errors_on_later_lines_carry_line_and_column()
    {
        const string text = "select *\nfrom x\nwhere a ==\n  and b";

        Assert.False(Mql.TryParse(text, out _, out var error));

        Assert.Equal(4, error.Line);
        Assert.Equal(3, error.Column);
        Assert.Equal("line 4, column 3: expected a property, a literal or '(' but found 'and'", error.ToString());
    }

    [Fact]
    public void Caret_points_at_the_column_on_the_offending_line()
    {
        const string text = "select *\nfrom x where FROM";

        Assert.False(Mql.TryParse(text, out _, out var error));

        Assert.Equal("from x where FROM\n             ^", error.RenderCaret(text));
    }

    [Fact]
    public void Caret_at_end_of_input_sits_after_the_last_character()
    {
        const string text = "select * where";

        Assert.False(Mql.TryParse(text, out _, out var error));

        Assert.Equal("select * where\n              ^", error.RenderCaret(text));
    }

    [Fact]
    public void Caret_keeps_tabs_so_it_lines_up()
    {
        const string text = "select *\twhere ?";

        Assert.False(Mql.TryParse(text, out _, out var error));

        Assert.Equal("select *\twhere ?\n        \t      ^", error.RenderCaret(text));
    }

    [Fact]
    public void Caret_on_a_huge_line_shows_only_the_text_around_the_column()
    {
        var text = "select * where " + new string('(', 20_000) + "a";

        Assert.False(Mql.TryParse(text, out _, out var error));
        var caret = error.RenderCaret(text).Split('\n');

        Assert.Equal("…" + new string('(', 160) + "…", caret[0]);
        Assert.Equal(new string(' ', 81) + "^", caret[1]);
    }
}
