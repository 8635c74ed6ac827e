using System.Diagnostics;
using StreamJobs.Kafka;
using StreamJobs.Streams;
using StreamJobs.Telemetry.Spans;
using StreamJobs.Telemetry.Synthetic;

namespace StreamJobs.Replicas.Benchmarks;

/// <summary>
/// Produces the benchmark's spans once: whole synthetic traces (seeded, so every run has the same data) until at least
/// the requested number of spans, keyed by trace id through <see cref="KafkaSink.Spans"/> (lz4, acks=all).
/// </summary>
internal static class SpanProducer
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Produces and returns how many spans were written (whole traces, so slightly more than asked).</summary>
    public static async Task<long> ProduceAsync(string topic, long spans, int seed)
    {
        var produced = 0L;
        var watch = Stopwatch.StartNew();
        var settings = new KafkaProducerSettings { BootstrapServers = KafkaServer.Bootstrap, LegacyBroker = true, Topic = topic, Linger = TimeSpan.FromMilliseconds(5) };
        await using (var materializer = new Materializer())
        {
            await Source.From(Generate(spans, seed, () => produced++)).RunWith(KafkaSink.Spans(settings), materializer);
        }
        Console.WriteLine($"produced {produced:N0} spans to {topic} in {watch.Elapsed.TotalSeconds:F1} s ({produced / watch.Elapsed.TotalSeconds:N0} spans/s)");
        return produced;
    }

    // Lazily, a thousand whole traces at a time (a million spans held at once would only load the GC).
    private static IEnumerable<Span> Generate(long spans, int seed, Action counted)
    {
        var generator = new SyntheticTraceGenerator(seed);
        var chunk = new List<Span>();
        var total = 0L;
        while (total < spans)
        {
            chunk.Clear();
            generator.Generate(1_000, T0.AddSeconds(generator.TracesGenerated / 1_000), chunk);
            foreach (var span in chunk)
            {
                counted();
                total++;
                yield return span;
            }
        }
    }
}
