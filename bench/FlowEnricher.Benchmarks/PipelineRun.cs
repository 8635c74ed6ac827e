using StreamJobs.Benchmarks;
using StreamJobs.FlowEnricher.Ownership;
using StreamJobs.FlowEnricher.Synthetic;
using StreamJobs.FlowEnricher.Windows;
using StreamJobs.Telemetry.Flows;

namespace StreamJobs.FlowEnricher.Benchmarks;

/// <summary>The library path: datagram decoder, attributor, window aggregator, windows dropped.</summary>
internal static class PipelineRun
{
    public static int Stage = 2;

    public static int MaxWaiting;

    public static long AddTicks;

    public static long DrainTicks;

    /// <summary>Bytes allocated by the timed part of the last run (decode, attribute, windows), on this thread.</summary>
    public static long AllocatedBytes;

    /// <summary>Process CPU time spent in the timed part of the last run.</summary>
    public static TimeSpan Cpu;

    /// <summary>Time the GC paused the process during the timed part of the last run, and the gen0 collections.</summary>
    public static (TimeSpan Pause, int Gen0) Gc;

    private sealed class NullSink : IEnrichedFlowSink
    {
        public static readonly NullSink Instance = new();

        public void Accept(in EnrichedFlow flow)
        {
        }
    }

    public static (long Flows, long Windows, FlowAttributor Attributor, TimeSpan Elapsed) Run(List<Step> steps, long timedFromUnixMs)
    {
        var names = new WorkloadNameTable();
        var decoder = new FlowDatagramDecoder(names);
        var table = new IpOwnershipTable(names: names);
        var attributor = new FlowAttributor(table, SyntheticFlowGenerator.CreateCidrTable());
        var windows = new FlowWindowAggregator();
        var closed = new CountingCollection();
        var records = new FlowRecord[ushort.MaxValue];
        long flows = 0;
        int sinceDrain = 0;
        var watch = new System.Diagnostics.Stopwatch();
        foreach (var step in steps)
        {
            // The initial assignment of every IP (an hour before the flows) is loaded untimed, like a warm table.
            if (!watch.IsRunning && step.ArrivalUnixMs >= timedFromUnixMs)
            {
                WarmTable.Settle();
                watch.Start();
                AllocatedBytes = GC.GetAllocatedBytesForCurrentThread();
                Cpu = ProcessCpu.Current;
                Gc = (GC.GetTotalPauseDuration(), GC.CollectionCount(0));
            }

            foreach (var e in step.Events)
            {
                attributor.Apply(e);
            }

            var now = DateTimeOffset.FromUnixTimeMilliseconds(step.ArrivalUnixMs);
            var result = decoder.Decode(step.Datagram, records);
            long t0 = System.Diagnostics.Stopwatch.GetTimestamp();
            if (Stage >= 1) { attributor.Add(records.AsSpan(0, result.RecordsDecoded), now, Stage >= 2 ? windows : NullSink.Instance); }
            flows += result.RecordsDecoded;
            AddTicks += System.Diagnostics.Stopwatch.GetTimestamp() - t0;
            MaxWaiting = Math.Max(MaxWaiting, attributor.Waiting);
            if ((sinceDrain += result.RecordsDecoded) >= 1024)
            {
                long t1 = System.Diagnostics.Stopwatch.GetTimestamp();
                attributor.DrainDue(now, Stage >= 2 ? windows : NullSink.Instance);
                DrainTicks += System.Diagnostics.Stopwatch.GetTimestamp() - t1;
                windows.CloseDue(now, closed);
                sinceDrain = 0;
            }
        }

        attributor.DrainAll(windows);
        windows.CloseAll(closed);
        watch.Stop();
        Cpu = ProcessCpu.Current - Cpu;
        Gc = (GC.GetTotalPauseDuration() - Gc.Pause, GC.CollectionCount(0) - Gc.Gen0);
        AllocatedBytes = GC.GetAllocatedBytesForCurrentThread() - AllocatedBytes;
        return (flows, closed.Count, attributor, watch.Elapsed);
    }

    /// <summary>A sink for closed windows that keeps only the count.</summary>
    private sealed class CountingCollection : ICollection<FlowWindow>
    {
        public int Count { get; private set; }

        public bool IsReadOnly => false;

        public void Add(FlowWindow item) => Count++;

        public void Clear() => Count = 0;

        public bool Contains(FlowWindow item) => false;

        public void CopyTo(FlowWindow[] array, int arrayIndex)
        {
        }

        public bool Remove(FlowWindow item) => false;

        public IEnumerator<FlowWindow> GetEnumerator() => Enumerable.Empty<FlowWindow>().GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
