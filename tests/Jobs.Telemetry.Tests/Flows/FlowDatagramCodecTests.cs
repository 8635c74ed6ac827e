using System.Buffers.Binary;
using StreamJobs.Telemetry.Flows;
using Xunit;
using StreamJobs.TestKit;

namespace StreamJobs.Telemetry.Tests.Flows;

public sealed class FlowDatagramCodecTests
{
    private static (byte[] Datagram, int Written) Encode(FlowRecord[] records, int size = FlowBinaryFormat.DefaultMaxDatagramSize)
    {
        var buffer = new byte[size];
        int length = new FlowDatagramEncoder().Encode(records, buffer, sequence: 42, out int written);
        return (buffer[..length], written);
    }

    [Fact]
    public void Round_trips_all_fields_across_datagrams()
    {
        var records = SampleFlows.Create(100);
        var encoder = new FlowDatagramEncoder();
        var decoder = new FlowDatagramDecoder();
        var decoded = new List<FlowRecord>();
        var buffer = new byte[FlowBinaryFormat.DefaultMaxDatagramSize];
        var output = new FlowRecord[64];
        for (int offset = 0; offset < records.Length;)
        {
            int length = encoder.Encode(records.AsSpan(offset), buffer, (uint)offset, out int written);
            var result = decoder.Decode(buffer.AsSpan(0, length), output);
            Assert.Equal((FlowDatagramStatus.Ok, written, 0, (uint)offset), (result.Status, result.RecordsDecoded, result.RecordsDropped, result.Sequence));
            decoded.AddRange(output.AsSpan(0, result.RecordsDecoded).ToArray());
            offset += written;
        }

        Assert.Equal(records, decoded);
        Assert.Equal(100, decoder.RecordsDecoded);
    }

    [Fact]
    public void Decoding_interns_identities_and_allocates_nothing_per_record()
    {
        var (datagram, written) = Encode(SampleFlows.Create(16));
        var decoder = new FlowDatagramDecoder();
        var output = new FlowRecord[64];
        decoder.Decode(datagram, output);
        var allocated = Allocations.UntilQuiet(() =>
        {
            for (int i = 0; i < 100; i++)
            {
                decoder.Decode(datagram, output);
            }
        });

        Assert.True(allocated[^1] == 0, $"bytes allocated per 100 datagrams: {string.Join(", ", allocated)}");
        Assert.Equal((allocated.Count * 100 + 1) * written, decoder.RecordsDecoded);
        Assert.Same(output[1].LocalWorkload, output[6].LocalWorkload);
    }

    [Fact]
    public void Truncated_datagram_keeps_complete_records_and_counts_the_cut_one()
    {
        var (datagram, written) = Encode(SampleFlows.Create(5));
        var decoder = new FlowDatagramDecoder();

        var result = decoder.Decode(datagram.AsSpan(0, datagram.Length - 10), new FlowRecord[16]);

        Assert.Equal((FlowDatagramStatus.Ok, written - 1, 1, FlowRecordError.Truncated, written - 1), (result.Status, result.RecordsDecoded, result.RecordsDropped, result.FirstError, result.FirstErrorIndex));
        Assert.Equal(1, decoder.RecordsDropped);
    }

    [Fact]
    public void Bad_record_is_dropped_alone()
    {
        var (datagram, _) = Encode(SampleFlows.Create(4));
        int identityBytes = BinaryPrimitives.ReadUInt16LittleEndian(datagram.AsSpan(10));
        int second = FlowBinaryFormat.HeaderSize + identityBytes + FlowBinaryFormat.RecordSize;
        datagram[second + 37] = 9;
        var output = new FlowRecord[16];

        var result = new FlowDatagramDecoder().Decode(datagram, output);

        Assert.Equal((3, 1, FlowRecordError.BadDirection, 1), (result.RecordsDecoded, result.RecordsDropped, result.FirstError, result.FirstErrorIndex));
        Assert.Equal(SampleFlows.Create(4)[2], output[1]);
    }

    [Theory]
    [InlineData(0, FlowDatagramStatus.BadMagic)]
    [InlineData(4, FlowDatagramStatus.UnsupportedVersion)]
    [InlineData(5, FlowDatagramStatus.UnsupportedVersion)]
    [InlineData(10, FlowDatagramStatus.BadIdentities)]
    public void Bad_header_drops_the_datagram_only(int offset, FlowDatagramStatus expected)
    {
        var (datagram, _) = Encode(SampleFlows.Create(4));
        datagram[offset] ^= 0x5A;
        var decoder = new FlowDatagramDecoder();

        Assert.Equal(expected, decoder.Decode(datagram, new FlowRecord[16]).Status);
        Assert.Equal(1, decoder.DatagramsDropped);
        var (good, _) = Encode(SampleFlows.Create(4));
        Assert.Equal(4, decoder.Decode(good, new FlowRecord[16]).RecordsDecoded);
    }

    [Fact]
    public void Short_datagram_and_small_buffer_are_reported()
    {
        var decoder = new FlowDatagramDecoder();
        Assert.Equal(FlowDatagramStatus.TooShort, decoder.Decode(new byte[5], new FlowRecord[4]).Status);
        var (datagram, _) = Encode(SampleFlows.Create(4));
        Assert.Equal(FlowDatagramStatus.DestinationTooSmall, decoder.Decode(datagram, new FlowRecord[2]).Status);
        Assert.Equal(1, decoder.DatagramsDropped);
    }
}
