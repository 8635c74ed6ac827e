using StreamJobs.Cassandra.Protocol;
using StreamJobs.Cassandra.Tests.Support;

namespace StreamJobs.Cassandra.Tests;

public sealed class StatementTests
{
    private static readonly RequestOptions Options = new(ProtocolVersion.V4, ConsistencyLevel.Quorum, 100, [5, 6]);

    private static FrameReader Body(Statement s, out byte[] bytes)
    {
        using var w = new FrameWriter();
        w.BeginFrame(4, s.Opcode);
        s.WriteBody(w, Options);
        bytes = w.WrittenSpan[Frame.HeaderSize..].ToArray();
        return new FrameReader(bytes);
    }

    [Fact]
    public void Simple_statement_writes_query_then_parameters_with_flags()
    {
        var r = Body(new SimpleStatement("SELECT * FROM t WHERE k = ?", 7), out _);
        Assert.Equal("SELECT * FROM t WHERE k = ?", r.ReadLongString());
        Assert.Equal((short)ConsistencyLevel.Quorum, r.ReadShort());
        Assert.Equal(0x01 | 0x04 | 0x08, r.ReadByte());
        Assert.Equal(1, r.ReadShort());
        Assert.True(r.TryReadBytes(out var value));
        Assert.Equal(7, ValueCodec.ReadInt(value));
        Assert.Equal(100, r.ReadInt());
        Assert.True(r.TryReadBytes(out var state));
        Assert.Equal(new byte[] { 5, 6 }, state.ToArray());
        Assert.Equal(0, r.Remaining);
    }

    [Fact]
    public void Batch_writes_type_kinds_values_and_consistency()
    {
        var batch = new BatchStatement().SetBatchType(BatchType.Unlogged)
            .Add(new SimpleStatement("INSERT INTO t (k) VALUES (?)", 1))
            .Add(new SimpleStatement("INSERT INTO t (k) VALUES (2)"));
        var r = Body(batch, out _);

        Assert.Equal((byte)BatchType.Unlogged, r.ReadByte());
        Assert.Equal(2, r.ReadUShort());
        Assert.Equal(0, r.ReadByte());
        Assert.Equal("INSERT INTO t (k) VALUES (?)", r.ReadLongString());
        Assert.Equal(1, r.ReadShort());
        r.SkipBytes();
        Assert.Equal(0, r.ReadByte());
        r.ReadLongString();
        Assert.Equal(0, r.ReadShort());
        Assert.Equal((short)ConsistencyLevel.Quorum, r.ReadShort());
        Assert.Equal(0, r.ReadByte());
        Assert.Equal(0, r.Remaining);
    }

    [Fact]
    public void Bind_checks_the_number_of_values_and_names_the_markers()
    {
        var prepared = PreparedStatements.With(("k", ColumnTypeCode.Int), ("v", ColumnTypeCode.Varchar));
        var e = Assert.Throws<ArgumentException>(() => prepared.Bind(1));
        Assert.Contains("2 bind markers (k, v)", e.Message);
    }

    [Fact]
    public void Bound_statement_writes_id_and_converts_values_to_the_marker_types()
    {
        var prepared = PreparedStatements.With(("k", ColumnTypeCode.Bigint)).SetConsistencyLevel(ConsistencyLevel.All);
        var bound = prepared.Bind(5);
        Assert.Equal(ConsistencyLevel.All, bound.ConsistencyLevel);

        var r = Body(bound, out _);
        Assert.Equal(prepared.Id, r.ReadShortBytes().ToArray());
        r.ReadShort();
        r.ReadByte();
        Assert.Equal(1, r.ReadShort());
        Assert.True(r.TryReadBytes(out var value));
        Assert.Equal(5L, ValueCodec.ReadLong(value));
    }

    [Fact]
    public void Batch_rejects_nested_batches()
    {
        Assert.Throws<ArgumentException>(() => new BatchStatement().Add(new BatchStatement()));
    }
}
