using System.Buffers.Binary;
using StreamJobs.Benchmarks;
using StreamJobs.FlowEnricher.Ownership;
using StreamJobs.Telemetry.Flows;

namespace StreamJobs.FlowEnricher.Benchmarks;

/// <summary>
/// The same work in one plain loop: read the record fields straight from the bytes, look both IPs up in a
/// "current owner" dictionary (no time awareness, no waiting, no heartbeats), sum per (window, app pair) and keep RTTs.
/// Timed, like the other paths, from the first step at or after <c>timedFromUnixMs</c> (the initial assignments before
/// it build the warm dictionary untimed).
/// </summary>
internal static class BaselineRun
{
    public static (long Flows, long Windows, TimeSpan Elapsed, TimeSpan Cpu) Run(List<Step> steps, long timedFromUnixMs)
    {
        var watch = new System.Diagnostics.Stopwatch();
        var cpu = TimeSpan.Zero;
        var owners = new Dictionary<IpAddress, string>();
        var sums = new Dictionary<(long, string?, string?), (long Flows, ulong Sent, ulong Received, ulong Retransmits, List<uint> Rtts)>();
        long flows = 0;
        foreach (var step in steps)
        {
            if (!watch.IsRunning && step.ArrivalUnixMs >= timedFromUnixMs)
            {
                WarmTable.Settle();
                watch.Start();
                cpu = ProcessCpu.Current;
            }

            foreach (var e in step.Events)
            {
                if (e.Change == OwnershipChange.Assigned) { owners[e.Ip] = e.Workload; } else { owners.Remove(e.Ip); }
            }

            var d = step.Datagram.AsSpan();
            int count = BinaryPrimitives.ReadUInt16LittleEndian(d[6..]);
            int offset = FlowBinaryFormat.HeaderSize + BinaryPrimitives.ReadUInt16LittleEndian(d[10..]);
            for (int i = 0; i < count; i++, offset += FlowBinaryFormat.RecordSize)
            {
                var r = d.Slice(offset, FlowBinaryFormat.RecordSize);
                var local = new IpAddress(BinaryPrimitives.ReadUInt64BigEndian(r), BinaryPrimitives.ReadUInt64BigEndian(r[8..]));
                var remote = new IpAddress(BinaryPrimitives.ReadUInt64BigEndian(r[16..]), BinaryPrimitives.ReadUInt64BigEndian(r[24..]));
                long start = BinaryPrimitives.ReadInt64LittleEndian(r[40..]);
                owners.TryGetValue(local, out var localApp);
                owners.TryGetValue(remote, out var remoteApp);
                var key = (start / 60_000 * 60_000, localApp, remoteApp);
                sums.TryGetValue(key, out var s);
                s.Rtts ??= [];
                s.Rtts.Add(BinaryPrimitives.ReadUInt32LittleEndian(r[84..]));
                sums[key] = (s.Flows + 1, s.Sent + BinaryPrimitives.ReadUInt64LittleEndian(r[56..]), s.Received + BinaryPrimitives.ReadUInt64LittleEndian(r[64..]),
                    s.Retransmits + BinaryPrimitives.ReadUInt32LittleEndian(r[80..]), s.Rtts);
                flows++;
            }
        }

        foreach (var s in sums.Values)
        {
            s.Rtts.Sort();
        }

        watch.Stop();
        return (flows, sums.Count, watch.Elapsed, ProcessCpu.Current - cpu);
    }
}
