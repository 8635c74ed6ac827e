using System.Net;
using StreamJobs.Cassandra.Tests.Support;

namespace StreamJobs.Cassandra.Tests.Integration;

[Collection(CassandraCollection.Name)]
public sealed class RoundTripTests(CassandraFixture fixture)
{
    private readonly ISession _session = fixture.Session;

    [Fact]
    public async Task Every_supported_type_round_trips_through_prepared_insert_and_select()
    {
        string table = CassandraFixture.UniqueTable("types");
        await _session.ExecuteAsync($"""
            CREATE TABLE {table} (
              id uuid PRIMARY KEY, t text, a ascii, i int, b bigint, flag boolean, d double, f float,
              ts timestamp, tu timeuuid, bl blob, ip inet,
              tags list<text>, nums set<int>, attrs map<text, bigint>)
            """);
        var insert = await _session.PrepareAsync(
            $"INSERT INTO {table} (id, t, a, i, b, flag, d, f, ts, tu, bl, ip, tags, nums, attrs) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        Assert.Equal(15, insert.Variables.Count);

        var id = Guid.NewGuid();
        var timeuuid = Guid.Parse("9f1e6a40-8b1f-11ee-b9d1-0242ac120002");
        var at = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_123_456);
        await _session.ExecuteAsync(insert.Bind(
            id, "grüße ☃", "ascii", int.MinValue, long.MaxValue, true, 2.5e300, 1.25f, at, timeuuid,
            new byte[] { 0, 1, 255 }, IPAddress.Parse("192.168.1.20"),
            new List<string> { "b", "a", "b" }, new HashSet<int> { 3, 1, 2 }, new Dictionary<string, long> { ["x"] = -1, ["y"] = 1L << 40 }));

        var select = await _session.PrepareAsync($"SELECT * FROM {table} WHERE id = ?");
        var row = Assert.Single(await _session.ExecuteAsync(select.Bind(id)));

        Assert.Equal(id, row.GetValue<Guid>("id"));
        Assert.Equal("grüße ☃", row.GetValue<string>("t"));
        Assert.Equal("ascii", row.GetValue<string>("a"));
        Assert.Equal(int.MinValue, row.GetValue<int>("i"));
        Assert.Equal(long.MaxValue, row.GetValue<long>("b"));
        Assert.True(row.GetValue<bool>("flag"));
        Assert.Equal(2.5e300, row.GetValue<double>("d"));
        Assert.Equal(1.25f, row.GetValue<float>("f"));
        Assert.Equal(at, row.GetValue<DateTimeOffset>("ts"));
        Assert.Equal(timeuuid, row.GetValue<Guid>("tu"));
        Assert.Equal(new byte[] { 0, 1, 255 }, row.GetValue<byte[]>("bl"));
        Assert.Equal(IPAddress.Parse("192.168.1.20"), row.GetValue<IPAddress>("ip"));
        Assert.Equal(["b", "a", "b"], row.GetValue<List<string>>("tags"));
        Assert.True(row.GetValue<HashSet<int>>("nums").SetEquals([1, 2, 3]));
        Assert.Equal(1L << 40, row.GetValue<Dictionary<string, long>>("attrs")["y"]);
    }

    [Fact]
    public async Task Null_values_and_simple_statement_values_round_trip()
    {
        string table = CassandraFixture.UniqueTable("nulls");
        await _session.ExecuteAsync($"CREATE TABLE {table} (k int PRIMARY KEY, v text, n bigint)");
        await _session.ExecuteAsync(new SimpleStatement($"INSERT INTO {table} (k, v, n) VALUES (?, ?, ?)", 1, null, 7L));

        var row = Assert.Single(await _session.ExecuteAsync(new SimpleStatement($"SELECT v, n FROM {table} WHERE k = ?", 1)));
        Assert.True(row.IsNull("v"));
        Assert.Equal(7L, row.GetValue<long?>("n"));
    }

    [Fact]
    public async Task Protocol_version_is_negotiated_from_what_the_server_speaks()
    {
        var server = await _session.GetServerVersionAsync();
        var expected = server.AtLeast(2, 2) ? ProtocolVersion.V4 : ProtocolVersion.V3;
        Assert.Equal(expected, _session.ProtocolVersion);
    }

    [Fact]
    public async Task Chosen_table_options_are_accepted_by_the_server()
    {
        var server = await _session.GetServerVersionAsync();
        var options = TableOptions.For(server, TimeSpan.FromHours(1), TimeSpan.FromDays(7));
        string table = CassandraFixture.UniqueTable("opts");
        await _session.ExecuteAsync($"CREATE TABLE {table} (k int PRIMARY KEY, v text) WITH {options.ToCql()}");

        var row = Assert.Single(await _session.ExecuteAsync(new SimpleStatement(
            "SELECT default_time_to_live FROM system.schema_columnfamilies WHERE keyspace_name = ? AND columnfamily_name = ?",
            CassandraFixture.Keyspace, table)));
        Assert.Equal(7 * 86400, row.GetValue<int>("default_time_to_live"));
    }
}
