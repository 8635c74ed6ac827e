using System.Diagnostics;
using StreamJobs.Cassandra.Tests.Support;
using Xunit.Abstractions;

namespace StreamJobs.Cassandra.Tests.Integration;

[Collection(CassandraCollection.Name)]
public sealed class ReconnectTests(CassandraFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Session_recovers_after_the_server_is_stopped_and_started_again()
    {
        await using var cluster = CassandraEndpoint.NewBuilder()
            .WithRetries(3, TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(200))
            .Build();
        await using var session = await cluster.ConnectAsync(CassandraFixture.Keyspace);
        string table = CassandraFixture.UniqueTable("restart");
        await session.ExecuteAsync($"CREATE TABLE {table} (k int PRIMARY KEY, v text)");
        var insert = await session.PrepareAsync($"INSERT INTO {table} (k, v) VALUES (?, ?)");
        await session.ExecuteAsync(insert.Bind(1, "before"));

        var watch = Stopwatch.StartNew();
        try
        {
            output.WriteLine(await ServerScripts.RunAsync("stop-cassandra.sh", TimeSpan.FromSeconds(90)));
            var down = await Assert.ThrowsAsync<NoHostAvailableException>(() => session.ExecuteAsync(insert.Bind(2, "down")));
            Assert.Contains("127.0.0.1", down.Message);
        }
        finally
        {
            // Always bring the server back, even when an assertion above failed, so later tests have it.
            output.WriteLine(await ServerScripts.RunAsync("start-cassandra.sh", TimeSpan.FromSeconds(200)));
        }

        // The restarted node forgot the prepared statement: this also exercises the transparent re-prepare.
        await session.ExecuteAsync(insert.Bind(3, "after"));
        output.WriteLine($"stop + start + first successful request: {watch.Elapsed.TotalSeconds:0.0} s");

        var rows = await session.ExecuteAsync(new SimpleStatement($"SELECT k, v FROM {table}"));
        var values = rows.ToDictionary(r => r.GetValue<int>("k"), r => r.GetValue<string>("v"));
        Assert.Equal("before", values[1]);
        Assert.Equal("after", values[3]);
        Assert.False(values.ContainsKey(2));

        // The shared session reconnects too.
        Assert.Single(await fixture.Session.ExecuteAsync("SELECT release_version FROM system.local"));
    }
}
