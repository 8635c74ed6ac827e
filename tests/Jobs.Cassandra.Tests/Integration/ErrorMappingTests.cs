using StreamJobs.Cassandra.Tests.Support;

namespace StreamJobs.Cassandra.Tests.Integration;

[Collection(CassandraCollection.Name)]
public sealed class ErrorMappingTests(CassandraFixture fixture)
{
    private readonly ISession _session = fixture.Session;

    [Fact]
    public async Task Syntax_error_carries_the_server_message()
    {
        var e = await Assert.ThrowsAsync<SyntaxErrorException>(() => _session.ExecuteAsync("SELEKT * FROM nowhere"));
        Assert.Contains("SELEKT", e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0x2000, e.ErrorCode);
    }

    [Fact]
    public async Task Unknown_table_is_an_invalid_query()
    {
        var e = await Assert.ThrowsAsync<InvalidQueryException>(() => _session.PrepareAsync("SELECT * FROM no_such_table_here"));
        Assert.Contains("no_such_table_here", e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Creating_an_existing_table_names_it()
    {
        string table = CassandraFixture.UniqueTable("dup");
        await _session.ExecuteAsync($"CREATE TABLE {table} (k int PRIMARY KEY)");
        var e = await Assert.ThrowsAsync<AlreadyExistsException>(() => _session.ExecuteAsync($"CREATE TABLE {table} (k int PRIMARY KEY)"));
        Assert.Equal(table, e.Table);
        Assert.Equal(CassandraFixture.Keyspace, e.Keyspace);
    }

    [Fact]
    public async Task Session_keeps_working_after_errors()
    {
        await Assert.ThrowsAsync<SyntaxErrorException>(() => _session.ExecuteAsync("NOT CQL"));
        var row = Assert.Single(await _session.ExecuteAsync("SELECT release_version FROM system.local"));
        Assert.False(string.IsNullOrEmpty(row.GetValue<string>(0)));
    }

    [Fact]
    public async Task Unreachable_port_fails_with_no_host_available()
    {
        var cluster = Cluster.Builder().AddContactPoint("127.0.0.1").WithPort(1).WithConnectTimeout(TimeSpan.FromSeconds(2)).Build();
        var e = await Assert.ThrowsAsync<NoHostAvailableException>(() => cluster.ConnectAsync());
        Assert.Contains("127.0.0.1:1", e.Message);
    }
}
