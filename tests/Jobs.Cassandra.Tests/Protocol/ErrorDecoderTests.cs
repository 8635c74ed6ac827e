using StreamJobs.Cassandra.Protocol;
using StreamJobs.Cassandra.Tests.Support;

namespace StreamJobs.Cassandra.Tests.Protocol;

public sealed class ErrorDecoderTests
{
    private static DriverException Decode(byte[] body)
    {
        var r = new FrameReader(body);
        return ErrorDecoder.Decode(ref r);
    }

    [Fact]
    public void Syntax_error_keeps_the_server_message()
    {
        var e = Assert.IsType<SyntaxErrorException>(Decode(ResponseBodies.Error(0x2000, "line 1:0 no viable alternative")));
        Assert.Equal("line 1:0 no viable alternative", e.Message);
        Assert.Equal(0x2000, e.ErrorCode);
    }

    [Fact]
    public void Unavailable_carries_consistency_and_replica_counts()
    {
        var e = Assert.IsType<UnavailableException>(Decode(ResponseBodies.Error(0x1000, "down", w =>
        {
            w.WriteShort((short)ConsistencyLevel.Quorum);
            w.WriteInt(2);
            w.WriteInt(1);
        })));
        Assert.Equal(ConsistencyLevel.Quorum, e.Consistency);
        Assert.Equal(2, e.Required);
        Assert.Equal(1, e.Alive);
    }

    [Fact]
    public void Write_timeout_and_already_exists_read_their_extra_fields()
    {
        var timeout = Assert.IsType<WriteTimeoutException>(Decode(ResponseBodies.Error(0x1100, "slow", w =>
        {
            w.WriteShort((short)ConsistencyLevel.One);
            w.WriteInt(0);
            w.WriteInt(1);
            w.WriteString("SIMPLE");
        })));
        Assert.Equal(1, timeout.BlockFor);

        var exists = Assert.IsType<AlreadyExistsException>(Decode(ResponseBodies.Error(0x2400, "exists", w =>
        {
            w.WriteString("ks");
            w.WriteString("t");
        })));
        Assert.Equal(("ks", "t"), (exists.Keyspace, exists.Table));
        Assert.IsAssignableFrom<InvalidQueryException>(exists);
    }

    [Fact]
    public void Unprepared_carries_the_statement_id()
    {
        var e = Assert.IsType<UnpreparedException>(Decode(ResponseBodies.Error(0x2500, "unknown id", w => w.WriteShortBytes([1, 2, 3]))));
        Assert.Equal(new byte[] { 1, 2, 3 }, e.Id);
    }

    [Theory]
    [InlineData(0x2200, typeof(InvalidQueryException))]
    [InlineData(0x2300, typeof(InvalidQueryException))]
    [InlineData(0x1001, typeof(OverloadedException))]
    [InlineData(0x000A, typeof(ProtocolErrorException))]
    [InlineData(0x2100, typeof(UnauthorizedException))]
    [InlineData(0x7777, typeof(ServerErrorException))]
    public void Codes_map_to_exception_types(int code, Type expected)
    {
        var e = Decode(ResponseBodies.Error(code, "msg"));
        Assert.IsType(expected, e);
        Assert.StartsWith("msg", e.Message);
    }
}
