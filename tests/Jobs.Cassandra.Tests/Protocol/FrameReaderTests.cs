using StreamJobs.Cassandra.Protocol;
using StreamJobs.Cassandra.Tests.Support;

namespace StreamJobs.Cassandra.Tests.Protocol;

public sealed class FrameReaderTests
{
    [Fact]
    public void Reads_back_what_the_writer_wrote()
    {
        var body = ResponseBodies.Body(w =>
        {
            w.WriteByte(7);
            w.WriteShort(-2);
            w.WriteInt(int.MinValue);
            w.WriteLong(long.MaxValue);
            w.WriteString("hello");
            w.WriteShortBytes([1, 2]);
            w.WriteNullBytes();
            w.WriteShort(2);
            w.WriteString("a");
            w.WriteString("b");
        });

        var r = new FrameReader(body);
        Assert.Equal(7, r.ReadByte());
        Assert.Equal(-2, r.ReadShort());
        Assert.Equal(int.MinValue, r.ReadInt());
        Assert.Equal(long.MaxValue, r.ReadLong());
        Assert.Equal("hello", r.ReadString());
        Assert.Equal(new byte[] { 1, 2 }, r.ReadShortBytes().ToArray());
        Assert.False(r.TryReadBytes(out _));
        Assert.Equal(["a", "b"], r.ReadStringList());
        Assert.Equal(0, r.Remaining);
    }

    [Fact]
    public void Truncated_body_is_a_protocol_violation_not_a_crash()
    {
        var body = new byte[] { 0, 0, 0, 10, 1, 2 };
        var e = Assert.Throws<CqlProtocolViolationException>(() =>
        {
            var r = new FrameReader(body);
            r.TryReadBytes(out _);
        });
        Assert.Contains("too short", e.Message);
    }
}
