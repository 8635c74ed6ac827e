namespace StreamJobs.Cassandra.Tests;

public sealed class ServerVersionTests
{
    [Theory]
    [InlineData("2.1.0", 2, 1, 0, "")]
    [InlineData("3.11.10", 3, 11, 10, "")]
    [InlineData("5.0-beta1", 5, 0, 0, "beta1")]
    [InlineData("4.0.0.2284", 4, 0, 0, "")]
    public void Parses_release_versions(string text, int major, int minor, int patch, string suffix)
    {
        var v = ServerVersion.Parse(text);
        Assert.Equal((major, minor, patch, suffix), (v.Major, v.Minor, v.Patch, v.Suffix));
    }

    [Theory]
    [InlineData("")]
    [InlineData("four")]
    [InlineData("4")]
    [InlineData("4.x.1")]
    public void Rejects_non_versions(string text)
    {
        Assert.False(ServerVersion.TryParse(text, out _));
        Assert.Throws<FormatException>(() => ServerVersion.Parse(text));
    }

    [Fact]
    public void Orders_numerically_not_lexically()
    {
        Assert.True(ServerVersion.Parse("3.11.0") > ServerVersion.Parse("3.8.0"));
        Assert.True(ServerVersion.Parse("2.1.0") < ServerVersion.Parse("2.1.1"));
        Assert.True(ServerVersion.Parse("4.0.0").AtLeast(4, 0));
        Assert.False(ServerVersion.Parse("3.0.7").AtLeast(3, 0, 8));
    }
}
