using StreamJobs.Cassandra.Tests.Support;

namespace StreamJobs.Cassandra.Tests.Connections;

public sealed class CqlSessionTests
{
    private static Cluster ClusterFor(FakeCqlServer server, Action<Builder>? configure = null)
    {
        var builder = Cluster.Builder().AddContactPoint("127.0.0.1").WithPort(server.Port).WithPooling(1);
        configure?.Invoke(builder);
        return builder.Build();
    }

    [Fact]
    public async Task Negotiates_down_to_v3_when_the_server_refuses_v4()
    {
        await using var server = new FakeCqlServer(maxVersion: 3);
        await using var cluster = ClusterFor(server);
        await using var session = await cluster.ConnectAsync();

        Assert.Equal(ProtocolVersion.V3, session.ProtocolVersion);
        var row = Assert.Single(await session.ExecuteAsync("hello"));
        Assert.Equal("hello", row.GetValue<string>("q"));
    }

    [Fact]
    public async Task Speaks_v4_when_the_server_does()
    {
        await using var server = new FakeCqlServer(maxVersion: 4);
        await using var cluster = ClusterFor(server);
        await using var session = await cluster.ConnectAsync();
        Assert.Equal(ProtocolVersion.V4, session.ProtocolVersion);
    }

    [Fact]
    public async Task Lost_connection_is_retried_for_idempotent_statements_on_a_new_connection()
    {
        await using var server = new FakeCqlServer();
        await using var cluster = ClusterFor(server, b => b.WithRetries(3, TimeSpan.FromMilliseconds(10)));
        await using var session = await cluster.ConnectAsync();

        // "close" drops the socket after it was sent: not retried unless idempotent, then it fails every attempt.
        var notRetried = await Assert.ThrowsAsync<NoHostAvailableException>(() => session.ExecuteAsync(new SimpleStatement("close")));
        Assert.Contains("1 attempt(s)", notRetried.Message);
        var retried = await Assert.ThrowsAsync<NoHostAvailableException>(() => session.ExecuteAsync(new SimpleStatement("close").SetIdempotence(true)));
        Assert.Contains("4 attempt(s)", retried.Message);

        Assert.Equal("ok", Assert.Single(await session.ExecuteAsync("ok")).GetValue<string>(0));
        Assert.True(server.Connections >= 6, $"expected reconnects, saw {server.Connections} connections");
    }
}
