using StreamJobs.Cassandra.Protocol;
using StreamJobs.Cassandra.Tests.Support;

namespace StreamJobs.Cassandra.Tests.Protocol;

public sealed class RowsPageTests
{
    private static readonly (string, ColumnTypeCode)[] Columns =
        [("id", ColumnTypeCode.Int), ("name", ColumnTypeCode.Varchar), ("at", ColumnTypeCode.Timestamp)];

    private static RowsPage Parse(byte[] body)
    {
        var r = new FrameReader(body);
        Assert.Equal((int)ResultKind.Rows, r.ReadInt());
        return RowsPage.Read(ref r, body, ProtocolVersion.V4);
    }

    private static byte[]?[][] SampleRows(int count) => Enumerable.Range(0, count)
        .Select(i => new[]
        {
            ResponseBodies.Encode(i),
            i % 2 == 0 ? ResponseBodies.Encode($"n{i}") : null,
            ResponseBodies.Encode(DateTimeOffset.FromUnixTimeMilliseconds(1000L * i)),
        })
        .ToArray();

    [Fact]
    public void Rows_read_typed_values_by_name_and_index()
    {
        var page = Parse(ResponseBodies.Rows(Columns, SampleRows(3)));
        var rows = new RowSet(page, null).ToList();

        Assert.Equal(3, rows.Count);
        Assert.Equal(2, rows[2].GetValue<int>("ID"));
        Assert.Equal("n2", rows[2].GetValue<string>(1));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(2000), rows[2].GetValue<DateTimeOffset>("at"));
        Assert.Equal(new DateTime(1970, 1, 1, 0, 0, 2, DateTimeKind.Utc), rows[2].GetValue<DateTime>("at"));
        Assert.Equal(1, rows[1][0]);
    }

    [Fact]
    public void Null_cells_read_as_null_or_fail_clearly_for_value_types()
    {
        var page = Parse(ResponseBodies.Rows(
            [("id", ColumnTypeCode.Int), ("name", ColumnTypeCode.Varchar)],
            [[null, null]]));
        var row = new RowSet(page, null).Single();

        Assert.True(row.IsNull("name"));
        Assert.Null(row.GetValue<string>("name"));
        Assert.Null(row.GetValue<int?>("id"));
        var e = Assert.Throws<InvalidCastException>(() => row.GetValue<int>("id"));
        Assert.Contains("'id' is null", e.Message);
    }

    [Fact]
    public void Unknown_column_lists_the_real_ones()
    {
        var row = new RowSet(Parse(ResponseBodies.Rows(Columns, SampleRows(1))), null).Single();
        var e = Assert.Throws<ArgumentException>(() => row.GetValue<int>("nope"));
        Assert.Contains("id, name, at", e.Message);
    }

    [Fact]
    public void Wrong_target_type_says_what_the_column_reads_as()
    {
        var row = new RowSet(Parse(ResponseBodies.Rows(Columns, SampleRows(1))), null).Single();
        var e = Assert.Throws<InvalidCastException>(() => row.GetValue<Guid>("name"));
        Assert.Contains("String", e.Message);
    }

    [Fact]
    public async Task Paging_state_is_exposed_and_async_iteration_fetches_the_next_page()
    {
        byte[] state = [9, 8, 7];
        var first = Parse(ResponseBodies.Rows(Columns, SampleRows(2), state));
        var second = Parse(ResponseBodies.Rows(Columns, SampleRows(3)));
        byte[]? askedWith = null;
        var rowSet = new RowSet(first, (s, _) =>
        {
            askedWith = s;
            return Task.FromResult(second);
        });

        Assert.Equal(state, rowSet.PagingState);
        Assert.False(rowSet.IsFullyFetched);
        Assert.Equal(2, rowSet.Count());

        var all = await rowSet.AsAsyncEnumerable().ToListAsync();
        Assert.Equal(5, all.Count);
        Assert.Equal(state, askedWith);
        Assert.True(rowSet.IsFullyFetched);
    }

    [Fact]
    public void Row_count_larger_than_the_body_is_rejected()
    {
        var body = ResponseBodies.Body(w =>
        {
            w.WriteInt((int)ResultKind.Rows);
            w.WriteInt(0x0001);
            w.WriteInt(1);
            w.WriteString("ks");
            w.WriteString("t");
            w.WriteString("c");
            w.WriteUShort((ushort)ColumnTypeCode.Int);
            w.WriteInt(1_000_000);
        });
        Assert.Throws<CqlProtocolViolationException>(() => Parse(body));
    }
}
