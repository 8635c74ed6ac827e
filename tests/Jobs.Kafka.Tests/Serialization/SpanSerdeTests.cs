using System.Buffers;
using System.Text;
using StreamJobs.Acknowledgement;
using StreamJobs.Kafka.Serialization;
using StreamJobs.Kafka.Tests.Support;

namespace StreamJobs.Kafka.Tests.Serialization;

public sealed class SpanSerdeTests
{
    [Fact]
    public void A_span_survives_the_round_trip_with_its_event_time()
    {
        var span = Support.Spans.Make(7, 3);
        var output = new ArrayBufferWriter<byte>();
        SpanSerde.Instance.Serialize(span, output);

        Assert.True(SpanSerde.Instance.TryDeserialize(output.WrittenSpan, out var read, out var error), error);
        Assert.Equal(span.TraceId, read.TraceId);
        Assert.Equal(span.Id, read.Id);
        Assert.Equal(span.Name, read.Name);
        Assert.Equal(span.ServiceName, read.ServiceName);
        Assert.Equal(span.StartTimeUnixNanos, read.StartTimeUnixNanos);
        Assert.Equal(span.DurationNanos, read.DurationNanos);
        Assert.True(read.Receipt.IsNone);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"id\":\"0000000000000001\"}")]
    [InlineData("[{\"traceId\":\"01\",\"id\":\"02\"}]")]
    public void Malformed_values_are_rejected_with_a_reason(string value)
    {
        Assert.False(SpanSerde.Instance.TryDeserialize(Encoding.UTF8.GetBytes(value), out var span, out var error));
        Assert.Null(span);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public void The_key_is_the_trace_id_and_the_receipt_is_attached()
    {
        var span = Support.Spans.Make(41, 0);
        Assert.Equal(span.TraceId.ToString(), SpanSerde.KeyOf(span));
        var window = new ReceiptWindow(64);
        Assert.True(window.TryIssue(9, out var receipt));
        Assert.Equal(receipt, SpanSerde.ReceiptOf(SpanSerde.Instance.WithReceipt(span, receipt)));
    }
}
