using System.Diagnostics;
using StreamJobs.Cassandra.Tests.Support;
using Xunit.Abstractions;

namespace StreamJobs.Cassandra.Tests.Integration;

[Collection(CassandraCollection.Name)]
public sealed class ConcurrencyTests(CassandraFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Thousand_concurrent_requests_share_one_connection()
    {
        // One connection per host: every request below is multiplexed over the same socket.
        await using var cluster = CassandraEndpoint.NewBuilder().WithPooling(connectionsPerHost: 1).Build();
        await using var session = await cluster.ConnectAsync(CassandraFixture.Keyspace);
        string table = CassandraFixture.UniqueTable("conc");
        await session.ExecuteAsync($"CREATE TABLE {table} (k int PRIMARY KEY, v text)");
        var insert = await session.PrepareAsync($"INSERT INTO {table} (k, v) VALUES (?, ?)");

        await Task.WhenAll(Enumerable.Range(0, 1000).Select(i => session.ExecuteAsync(insert.Bind(i, $"v{i}"))));

        var select = await session.PrepareAsync($"SELECT v FROM {table} WHERE k = ?");
        var reads = await Task.WhenAll(Enumerable.Range(0, 1000).Select(i => session.ExecuteAsync(select.Bind(i))));
        for (int i = 0; i < reads.Length; i++)
        {
            Assert.Equal($"v{i}", Assert.Single(reads[i]).GetValue<string>("v"));
        }
    }

    [Fact]
    public async Task Prepared_insert_throughput_with_1000_in_flight()
    {
        var session = fixture.Session;
        string table = CassandraFixture.UniqueTable("tput");
        await session.ExecuteAsync($"CREATE TABLE {table} (id uuid, seq bigint, payload text, PRIMARY KEY (id, seq))");
        var insert = await session.PrepareAsync($"INSERT INTO {table} (id, seq, payload) VALUES (?, ?, ?)");
        const int total = 20_000;
        const int inFlight = 1000;
        var id = Guid.NewGuid();
        using var gate = new SemaphoreSlim(inFlight);
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        var tasks = new List<Task>(total);
        for (int i = 0; i < total; i++)
        {
            await gate.WaitAsync();
            tasks.Add(InsertAsync(i));
        }

        await Task.WhenAll(tasks);
        watch.Stop();
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        double rate = total / watch.Elapsed.TotalSeconds;
        output.WriteLine($"{total} prepared inserts, {inFlight} in flight: {watch.Elapsed.TotalSeconds:0.00} s, {rate:0} inserts/s, " +
            $"~{allocated / total} bytes allocated per insert (whole test process, test harness included)");

        var count = Assert.Single(await session.ExecuteAsync(new SimpleStatement($"SELECT count(*) FROM {table} WHERE id = ?", id)));
        Assert.Equal(total, count.GetValue<long>(0));

        async Task InsertAsync(int i)
        {
            try
            {
                await session.ExecuteAsync(insert.Bind(id, (long)i, "span-payload-0123456789"));
            }
            finally
            {
                gate.Release();
            }
        }
    }
}
