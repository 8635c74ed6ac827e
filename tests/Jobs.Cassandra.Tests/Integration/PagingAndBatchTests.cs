using StreamJobs.Cassandra.Tests.Support;

namespace StreamJobs.Cassandra.Tests.Integration;

[Collection(CassandraCollection.Name)]
public sealed class PagingAndBatchTests(CassandraFixture fixture)
{
    private readonly ISession _session = fixture.Session;

    [Fact]
    public async Task Async_iteration_fetches_every_page()
    {
        string table = await FillAsync(rows: 250);
        var rs = await _session.ExecuteAsync(new SimpleStatement($"SELECT c FROM {table} WHERE p = 1").SetPageSize(100));

        Assert.Equal(100, rs.GetAvailableWithoutFetching());
        Assert.False(rs.IsFullyFetched);
        var seen = new List<int>();
        await foreach (var row in rs)
        {
            seen.Add(row.GetValue<int>("c"));
        }

        Assert.Equal(Enumerable.Range(0, 250), seen);
        Assert.True(rs.IsFullyFetched);
    }

    [Fact]
    public async Task Paging_state_resumes_a_read_in_a_new_statement()
    {
        string table = await FillAsync(rows: 30);
        var select = await _session.PrepareAsync($"SELECT c FROM {table} WHERE p = ?");
        var first = await _session.ExecuteAsync(select.Bind(1).SetPageSize(20));
        Assert.NotNull(first.PagingState);

        var rest = await _session.ExecuteAsync(select.Bind(1).SetPageSize(20).SetPagingState(first.PagingState));
        Assert.Equal(Enumerable.Range(20, 10), rest.Select(r => r.GetValue<int>(0)));
        Assert.True(rest.IsFullyFetched);
    }

    [Fact]
    public async Task Unlogged_batch_of_bound_and_simple_statements_applies_all()
    {
        string table = CassandraFixture.UniqueTable("batch");
        await _session.ExecuteAsync($"CREATE TABLE {table} (p int, c int, v text, PRIMARY KEY (p, c))");
        var insert = await _session.PrepareAsync($"INSERT INTO {table} (p, c, v) VALUES (?, ?, ?)");
        var batch = new BatchStatement().SetBatchType(BatchType.Unlogged);
        for (int i = 0; i < 40; i++)
        {
            batch.Add(insert.Bind(1, i, $"v{i}"));
        }

        batch.Add(new SimpleStatement($"INSERT INTO {table} (p, c, v) VALUES (?, ?, ?)", 1, 40, "simple"));
        await _session.ExecuteAsync(batch);

        var count = Assert.Single(await _session.ExecuteAsync($"SELECT count(*) FROM {table} WHERE p = 1"));
        Assert.Equal(41L, count.GetValue<long>(0));
        var last = Assert.Single(await _session.ExecuteAsync($"SELECT v FROM {table} WHERE p = 1 AND c = 40"));
        Assert.Equal("simple", last.GetValue<string>("v"));
    }

    private async Task<string> FillAsync(int rows)
    {
        string table = CassandraFixture.UniqueTable("paging");
        await _session.ExecuteAsync($"CREATE TABLE {table} (p int, c int, PRIMARY KEY (p, c))");
        var insert = await _session.PrepareAsync($"INSERT INTO {table} (p, c) VALUES (?, ?)");
        await Task.WhenAll(Enumerable.Range(0, rows).Select(i => _session.ExecuteAsync(insert.Bind(1, i))));
        return table;
    }
}
