using StreamJobs.Benchmarks;
using StreamJobs.FlowEnricher.Synthetic;
using StreamJobs.Streams;
using StreamJobs.TestKit;
using StreamJobs.Telemetry.Flows;

namespace StreamJobs.FlowEnricher.Benchmarks;

/// <summary>
/// The same pipeline on the engine, through the jobs' own stages: a source decoding datagrams into batches of 1024
/// (events and flows, in arrival order) → the enricher stage → the window stage → a null sink. A virtual clock set to
/// each datagram's arrival drives the stages' timers, so waits, drains and window closes match the plain loop.
/// </summary>
internal static class EngineRun
{
    /// <summary>Process CPU time spent in the timed part of the last run.</summary>
    public static TimeSpan Cpu;

    /// <summary>Bytes allocated by the whole process in the timed part of the last run.</summary>
    public static long AllocatedBytes;

    /// <summary>Time the GC paused the process during the timed part of the last run.</summary>
    public static TimeSpan GcPause;

    /// <summary>CPU time of the runtime's background JIT thread in the timed part of the last run (left out of <see cref="Cpu"/>).</summary>
    public static TimeSpan JitCpu;

    /// <summary>Runs the pipeline; without <paramref name="attribute"/>, with <see cref="UnattributedLogic"/> in the enricher's place (the floor).</summary>
    public static (long Flows, long Windows, TimeSpan Elapsed, FlowEnricherMetrics Metrics) Run(List<Step> steps, long timedFromUnixMs, bool attribute = true)
    {
        var clock = new ManualTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(steps[0].ArrivalUnixMs));
        var metrics = new FlowEnricherMetrics();
        var enricher = new FlowEnricherParameters { AuthoritativeBlocks = [.. SyntheticFlowGenerator.CidrBlocks.Select(b => $"{b.Cidr}={b.Owner}")] };
        var windows = new FlowWindowParameters();
        var decoder = new FlowDatagramDecoder();
        var records = new FlowRecord[ushort.MaxValue];
        var watch = new System.Diagnostics.Stopwatch();
        int next = 0;
        long flows = 0, windowCount = 0;
        // Where the source is in the current step: its events first, then its decoded flows, written straight into the
        // engine's batch (a queue in between cost two more copies of each ~200-byte input).
        Step? current = null;
        int eventAt = 0, flowAt = 0, decoded = 0;
        BatchGenerator<FlowEnricherInput> source = (buffer, _) =>
        {
            int count = 0;
            while (count < buffer.Length)
            {
                if (current is null || (eventAt == current.Events.Length && flowAt == decoded))
                {
                    if (next == steps.Count)
                    {
                        break;
                    }

                    current = steps[next++];
                    if (!watch.IsRunning && current.ArrivalUnixMs >= timedFromUnixMs)
                    {
                        // The stages have taken every earlier batch: the warm table is built.
                        WarmTable.Settle();
                        watch.Start();
                        Cpu = ProcessCpu.Current;
                        AllocatedBytes = GC.GetTotalAllocatedBytes(precise: true);
                        GcPause = GC.GetTotalPauseDuration();
                        JitCpu = ThreadCpu.Of(Environment.ProcessId, ThreadCpu.TieredJit);
                        PerfControl.Enable();
                    }

                    var now = DateTimeOffset.FromUnixTimeMilliseconds(current.ArrivalUnixMs);
                    if (now > clock.GetUtcNow())
                    {
                        clock.Advance(now - clock.GetUtcNow());
                    }

                    decoded = decoder.Decode(current.Datagram, records).RecordsDecoded;
                    flows += decoded;
                    (eventAt, flowAt) = (0, 0);
                    continue;
                }

                buffer[count++] = eventAt < current.Events.Length
                    ? FlowEnricherInput.Of(current.Events[eventAt++])
                    : FlowEnricherInput.Of(records[flowAt++]);
            }

            return ValueTask.FromResult(count);
        };

        var materializer = new Materializer(new MaterializerSettings { BatchSize = 1024, Time = clock });
        var done = Source.Generate(source)
            .Stateful(() => attribute ? new FlowEnricherLogic(enricher, metrics) : (StageLogic<FlowEnricherInput, EnrichedFlow>)new UnattributedLogic(), "attribute")
            .Stateful(() => new FlowWindowLogic(windows, metrics), "window")
            .RunWith(Sink.ForEachBatch<Windows.FlowWindow>((batch, _) =>
            {
                windowCount += batch.Count;
                return ValueTask.CompletedTask;
            }), materializer);
        done.GetAwaiter().GetResult();
        PerfControl.Disable();
        watch.Stop();
        Cpu = ProcessCpu.Current - Cpu;
        AllocatedBytes = GC.GetTotalAllocatedBytes(precise: true) - AllocatedBytes;
        GcPause = GC.GetTotalPauseDuration() - GcPause;
        JitCpu = ThreadCpu.Of(Environment.ProcessId, ThreadCpu.TieredJit) - JitCpu;
        materializer.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return (flows, windowCount, watch.Elapsed, metrics);
    }
}
