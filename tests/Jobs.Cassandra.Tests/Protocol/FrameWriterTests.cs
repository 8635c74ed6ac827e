using System.Buffers.Binary;
using System.Text;
using StreamJobs.Cassandra.Protocol;

namespace StreamJobs.Cassandra.Tests.Protocol;

public sealed class FrameWriterTests
{
    [Fact]
    public void Header_carries_version_opcode_stream_and_body_length()
    {
        using var w = new FrameWriter();
        w.BeginFrame(4, Opcode.Query);
        w.WriteLongString("SELECT 1");
        w.CompleteFrame(0x1234);

        var bytes = w.WrittenSpan;
        Assert.Equal(4, bytes[0]);
        Assert.Equal(0, bytes[1]);
        Assert.Equal(0x1234, BinaryPrimitives.ReadInt16BigEndian(bytes[2..]));
        Assert.Equal((byte)Opcode.Query, bytes[4]);
        Assert.Equal(bytes.Length - Frame.HeaderSize, BinaryPrimitives.ReadInt32BigEndian(bytes[5..]));
    }

    [Fact]
    public void Strings_are_length_prefixed_utf8()
    {
        using var w = new FrameWriter();
        w.BeginFrame(3, Opcode.Startup);
        w.WriteString("é1");
        w.WriteLongString("ab");

        var body = w.WrittenSpan[Frame.HeaderSize..];
        Assert.Equal(3, BinaryPrimitives.ReadUInt16BigEndian(body));
        Assert.Equal("é1", Encoding.UTF8.GetString(body.Slice(2, 3)));
        Assert.Equal(2, BinaryPrimitives.ReadInt32BigEndian(body[5..]));
        Assert.Equal("ab", Encoding.UTF8.GetString(body.Slice(9, 2)));
    }

    [Fact]
    public void Grows_past_its_initial_buffer_without_losing_bytes()
    {
        using var w = new FrameWriter(initialCapacity: 16);
        w.BeginFrame(4, Opcode.Query);
        var payload = Enumerable.Range(0, 10_000).Select(i => (byte)i).ToArray();
        w.WriteBytes(payload);

        var r = new FrameReader(w.WrittenSpan, Frame.HeaderSize);
        Assert.True(r.TryReadBytes(out var read));
        Assert.True(read.SequenceEqual(payload));
    }

    [Fact]
    public void Reserved_length_slot_is_patched_with_the_bytes_written_after_it()
    {
        using var w = new FrameWriter();
        w.BeginFrame(4, Opcode.Query);
        int slot = w.ReserveLength();
        w.WriteLong(1);
        w.WriteShort(2);
        w.PatchLength(slot);

        Assert.Equal(10, BinaryPrimitives.ReadInt32BigEndian(w.WrittenSpan[slot..]));
    }
}
