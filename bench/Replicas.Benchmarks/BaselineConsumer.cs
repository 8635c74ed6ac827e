using System.Diagnostics;
using Confluent.Kafka;
using StreamJobs.Benchmarks;
using StreamJobs.Telemetry.Spans;

namespace StreamJobs.Replicas.Benchmarks;

/// <summary>
/// The hand-written baseline: one plain Confluent.Kafka consumer in this process, every partition assigned from the
/// beginning (no group join, no commits), each value deserialized with <c>SpanSerde</c>, nothing else. It is what one
/// consumer thread can read and parse here; the replicas do that plus buffering, sampling and receipts.
/// </summary>
internal static class BaselineConsumer
{
    public static BaselineResult Run(string topic, int partitions, long expected, TimeSpan timeout)
    {
        var config = KafkaServer.Legacy(new ConsumerConfig
        {
            BootstrapServers = KafkaServer.Bootstrap,
            GroupId = "baseline-" + Guid.NewGuid().ToString("N")[..8],
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            EnablePartitionEof = false,
        });
        using var consumer = new ConsumerBuilder<Ignore, Span?>(config).SetValueDeserializer(SpanValueDeserializer.Instance).Build();
        consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var deadline = Stopwatch.StartNew();
        long spans = 0, malformed = 0;
        var watch = new Stopwatch();
        TimeSpan cpuStart = default, serverStart = default;
        CpuSample machineStart = default;
        while (spans + malformed < expected)
        {
            if (deadline.Elapsed > timeout) throw new BenchmarkException($"the baseline consumer read {spans + malformed:N0} of {expected:N0} records within {timeout.TotalSeconds:F0} s");
            var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (result is null) continue;
            if (!watch.IsRunning)
            {
                watch.Start();
                cpuStart = ProcessCpu.Current;
                serverStart = ServerProcesses.Cpu;
                machineStart = MachineCpu.Now();
            }
            if (result.Message.Value is null) malformed++;
            else spans++;
        }
        watch.Stop();
        var cpu = ProcessCpu.Current - cpuStart;
        var server = ServerProcesses.Cpu - serverStart;
        var busy = MachineCpu.BusyCores(machineStart, MachineCpu.Now());
        consumer.Close();
        return new BaselineResult(spans, malformed, watch.Elapsed, cpu, server, busy);
    }
}
