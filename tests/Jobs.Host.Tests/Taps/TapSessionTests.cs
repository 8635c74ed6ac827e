using System.Diagnostics;
using StreamJobs.Host.Taps;
using StreamJobs.Host.Tests.Taps.Support;
using StreamJobs.NamedStreams;
using StreamJobs.Streams;
using Xunit.Abstractions;

namespace StreamJobs.Host.Tests.Taps;

public sealed class TapSessionTests(ITestOutputHelper log)
{
    private const int Records = 2_000_000;
    private static readonly TapWorkers Workers = new(1);

    [Fact]
    public async Task A_slow_tap_client_does_not_slow_the_pipeline_and_is_told_what_it_lost()
    {
        var baseline = TimeSpan.MaxValue;
        var tapped = TimeSpan.MaxValue;
        string output = "";
        for (var round = 0; round < 3; round++)
        {
            baseline = Min(baseline, (await RunAsync(slowTap: false)).Elapsed);
            var (elapsed, text) = await RunAsync(slowTap: true);
            tapped = Min(tapped, elapsed);
            output = text;
        }

        log.WriteLine($"{Records:N0} records: {baseline.TotalMilliseconds:F0} ms without a tap, {tapped.TotalMilliseconds:F0} ms with a slow tap (best of 3)");
        var last = TapLines.Meta(output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]);
        Assert.Equal("stream-ended", last.GetProperty("end").GetString());
        Assert.True(last.GetProperty("tapDropped").GetInt64() > 0, output[^300..]);
        Assert.True(last.GetProperty("emitted").GetInt64() > 0);
        Assert.True(tapped <= baseline * 1.5 + TimeSpan.FromMilliseconds(300),
            $"{Records:N0} records took {tapped.TotalMilliseconds:F0} ms with a slow tap vs {baseline.TotalMilliseconds:F0} ms without");
    }

    [Fact]
    public async Task A_duration_that_ends_during_a_write_lets_the_write_finish_and_sends_the_final_line()
    {
        // Kestrel resets the connection when a write's token is cancelled: the duration must end the tap between
        // writes, never by cancelling one, or a client that was reading fine loses the tap's last line.
        var streams = new NamedStreamRegistry();
        var stream = streams.Stream<Reading>("readings");
        var schemas = new MqlSchemaRegistry([new MqlSchemaRegistration(typeof(Reading), ReadingSchema.Instance)]);
        var body = new SlowStream(TimeSpan.FromMilliseconds(300));
        var tap = TapSessionFactory.Create(stream, Mql.Mql.Parse("select * from readings"), schemas, Workers, null, TimeSpan.FromMilliseconds(50));
        var session = tap.RunAsync(new TapOutput(body, TapFormat.Ndjson),
            new TapRunSettings(4, int.MaxValue, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(1000), TimeProvider.System), CancellationToken.None);
        while (stream.Taps == 0) await Task.Delay(1);

        // Records keep coming for longer than the duration, so writes are in flight when it ends.
        await using var materializer = new Materializer();
        long seq = 0;
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(2.5);
        var published = Source.Generate<Reading>(async (buffer, _) =>
        {
            if (DateTime.UtcNow > until) return 0;
            await Task.Delay(20);
            buffer[0] = Reading.Number(seq++);
            return 1;
        }).ToMaterialized(stream.Publish(), Keep.Right).Run(materializer);

        await session.WaitAsync(TimeSpan.FromSeconds(30));
        await published;
        Assert.False(body.Aborted, "a write was cancelled");
        var lines = body.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("duration", TapLines.Meta(lines[^1]).GetProperty("end").GetString());
    }

    private static async Task<(TimeSpan Elapsed, string Output)> RunAsync(bool slowTap)
    {
        var streams = new NamedStreamRegistry();
        var stream = streams.Stream<Reading>("readings");
        var schemas = new MqlSchemaRegistry([new MqlSchemaRegistration(typeof(Reading), ReadingSchema.Instance)]);
        var body = new SlowStream(TimeSpan.FromMilliseconds(20));
        Task session = Task.CompletedTask;
        if (slowTap)
        {
            var tap = TapSessionFactory.Create(stream, Mql.Mql.Parse("select * from readings where value >= 10"), schemas, Workers, null, TimeSpan.FromMilliseconds(50));
            var output = new TapOutput(body, TapFormat.Ndjson);
            session = tap.RunAsync(output, new TapRunSettings(4, int.MaxValue, TimeSpan.FromMilliseconds(100), null, TimeProvider.System), CancellationToken.None);
            while (stream.Taps == 0) await Task.Delay(1);
        }

        await using var materializer = new Materializer();
        var consumed = stream.Subscribe().RunWith(Sink.Ignore<Reading>(), materializer);
        var clock = Stopwatch.StartNew();
        long seq = 0;
        var published = Source.Generate<Reading>((buffer, _) =>
        {
            var count = (int)Math.Min(buffer.Length, Records - seq);
            for (var i = 0; i < count; i++) buffer[i] = Reading.Number(seq++);
            return ValueTask.FromResult(count);
        }).ToMaterialized(stream.Publish(), Keep.Right).Run(materializer);
        await Task.WhenAll(published, consumed);
        var elapsed = clock.Elapsed;
        await session.WaitAsync(TimeSpan.FromSeconds(30));
        return (elapsed, body.Text);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
