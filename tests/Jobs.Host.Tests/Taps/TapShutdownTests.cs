using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using StreamJobs.Host.Taps;
using System.Text.Json;
using StreamJobs.Host.Tests.Taps.Support;

namespace StreamJobs.Host.Tests.Taps;

/// <summary>Open taps end when the host stops, with a last <c>$meta</c>, instead of holding the shutdown.</summary>
public sealed class TapShutdownTests
{
    [Fact]
    public async Task Stopping_the_host_ends_open_taps_with_a_final_meta_and_does_not_wait_for_them()
    {
        // Counters every 100 ms, so the test can see when the aggregate tap has taken records.
        var host = await TapTestHost.StartAsync(settings: "StreamJobs:Taps:MetaInterval=00:00:00.100");
        try
        {
            var plainRecord = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var plain = TapLines.ReadAllAsync(host.Http, TapTestHost.Query("select seq from readings where kind == 'disk'"),
                line => { if (!TapLines.IsMeta(line)) plainRecord.TrySetResult(); });
            var aggregated = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var aggregate = TapLines.ReadAllAsync(host.Http, TapTestHost.Query("select kind, count(*) as n from readings group by kind"),
                line => { if (TapLines.IsMeta(line) && TapLines.Meta(line).GetProperty("matched").GetInt64() >= EnoughForEveryKind) aggregated.TrySetResult(); });
            while (host.Services.GetRequiredService<TapSlots>().Open < 2) await Task.Delay(20);
            // Stop once both taps are surely past their start: the plain one has delivered a record and the aggregate
            // one has counted far more readings than there are kinds (on a loaded machine its first batch may still be
            // part-way when the other tap's first record arrives). A tap that ends early surfaces its own error here.
            await Task.WhenAny(plainRecord.Task, plain).WaitAsync(TimeSpan.FromSeconds(30));
            if (!plainRecord.Task.IsCompleted) await plain;
            await Task.WhenAny(aggregated.Task, aggregate).WaitAsync(TimeSpan.FromSeconds(30));
            if (!aggregated.Task.IsCompleted) await aggregate;
            Assert.True(plainRecord.Task.IsCompleted && aggregated.Task.IsCompleted, "a tap ended before the stop");

            var clock = Stopwatch.StartNew();
            await host.StopAsync();
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"stopping took {clock.Elapsed} with two taps open");

            var plainLines = await plain.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal("shutdown", TapLines.Meta(plainLines[^1]).GetProperty("end").GetString());
            Assert.Contains(plainLines, l => !TapLines.IsMeta(l));

            var aggregateLines = await aggregate.WaitAsync(TimeSpan.FromSeconds(10));
            var last = TapLines.Meta(aggregateLines[^1]);
            Assert.Equal("shutdown", last.GetProperty("end").GetString());
            Assert.Equal("the host is shutting down", last.GetProperty("reason").GetString());
            // An aggregate without WINDOW emits when the tap ends: the shutdown still delivers its rows.
            var rows = aggregateLines.Where(l => !TapLines.IsMeta(l)).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            Assert.Equal(Reading.Kinds.Order(), rows.Select(r => r.GetProperty("kind").GetString()).Order());
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    // Kinds cycle with the sequence number, and a batch is evaluated from its start: 100 readings are a wide margin
    // over the four kinds.
    private const long EnoughForEveryKind = 100;
}
