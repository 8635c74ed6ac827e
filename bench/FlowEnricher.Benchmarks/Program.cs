using System.Diagnostics;
using StreamJobs.FlowEnricher.Benchmarks;
using StreamJobs.FlowEnricher.Ownership;
using StreamJobs.FlowEnricher.Synthetic;
using StreamJobs.Telemetry.Flows;

// Usage: FlowEnricher.Benchmarks [flows=1000000] [ips=100000] [rounds=3]
int flowCount = args.Length > 0 ? int.Parse(args[0]) : 1_000_000;
int ipCount = args.Length > 1 ? int.Parse(args[1]) : 100_000;
int rounds = args.Length > 2 ? int.Parse(args[2]) : 3;
var options = new SyntheticFlowOptions
{
    Seed = 42, Ips = ipCount, Applications = 50, Flows = flowCount, DurationMs = 300_000,
    ChurnFraction = 0.2, HeartbeatFraction = 0.3, EventlessFraction = 0.05, ExternalFraction = 0.1,
};
// Memory per tracked IP, measured. The index doubles at three quarters full, so its share per IP depends on where
// the count falls between doublings: two counts show both ends.
var generator = new SyntheticFlowGenerator(options);
foreach (int count in new[] { Math.Min(ipCount, 98_000), ipCount })
{
    var (one, oneEstimate) = MemoryRun.OneRangeOneBeat(generator.Ips, count, options.StartUnixMs);
    var (three, threeEstimate) = MemoryRun.ThreeRanges(generator.Ips, count, options.StartUnixMs);
    Console.WriteLine($"ownership memory at {count:N0} IPs: one range + one heartbeat {one:F0} B per IP measured ({oneEstimate:F0} estimated); " +
        $"three ranges {three:F0} B per IP measured ({threeEstimate:F0} estimated) against {MemoryRun.RawThreeRangeBytes} B raw (x{three / MemoryRun.RawThreeRangeBytes:F1})");
}

generator = null;

Console.WriteLine($"Building workload: {flowCount:N0} flows, {ipCount:N0} IPs, {options.Applications} apps, 20% churn ...");
var steps = Workload.Build(options);
long bytes = steps.Sum(s => (long)s.Datagram.Length);
Console.WriteLine($"{steps.Count:N0} datagrams, {bytes / 1_048_576.0:F1} MiB");

// One untimed run first: tiered compilation (and dynamic PGO) would otherwise bill the first runs for the JIT.
PipelineRun.Run(steps, options.StartUnixMs);
PipelineRun.AddTicks = PipelineRun.DrainTicks = 0;
for (int stage = 0; stage < 2; stage++)
{
    PipelineRun.Stage = stage;
    var (f, _, _, elapsed) = PipelineRun.Run(steps, options.StartUnixMs);
    Console.WriteLine($"stage {stage} ({(stage == 0 ? "decode + events" : "decode + events + attribute")}): {f / elapsed.TotalSeconds / 1e6:F2} M flows/s wall, {f / PipelineRun.Cpu.TotalSeconds / 1e6:F2} M flows/CPU-s, max waiting {PipelineRun.MaxWaiting}, add {PipelineRun.AddTicks / (double)Stopwatch.Frequency:F2} s, drain {PipelineRun.DrainTicks / (double)Stopwatch.Frequency:F2} s, {PipelineRun.AllocatedBytes / (double)f:F1} B allocated per flow, GC paused {PipelineRun.Gc.Pause.TotalSeconds:F2} s in {PipelineRun.Gc.Gen0} gen0 collections");
    PipelineRun.AddTicks = PipelineRun.DrainTicks = 0;
}

PipelineRun.Stage = 2;
// FLOWS_ENGINE_ROUNDS=n: only n engine rounds (no loop, no baseline), for before/after comparisons of the engine path
// with more samples per minute on a noisy machine.
if (int.TryParse(Environment.GetEnvironmentVariable("FLOWS_ENGINE_ROUNDS"), out int engineRounds) && engineRounds > 0)
{
    for (int round = 1; round <= engineRounds; round++)
    {
        GC.Collect();
        var (ef, ew, _, em) = EngineRun.Run(steps, options.StartUnixMs);
        Console.WriteLine($"engine-only round {round}: {ef / EngineRun.Cpu.TotalSeconds / 1e6:F3} M flows/CPU-s, {ew:N0} windows, attributed {em.Attributed:N0}, unattributed {em.Unattributed:N0}, {EngineRun.AllocatedBytes / (double)ef:F1} B allocated per flow, GC paused {EngineRun.GcPause.TotalMilliseconds:F0} ms of {EngineRun.Cpu.TotalMilliseconds:F0} ms CPU, JIT thread (left out) {EngineRun.JitCpu.TotalMilliseconds:F0} ms, load {LoadAverage()}");
    }

    return;
}

// On a shared machine single rounds swing with the neighbours' load: the best round of each path is the least disturbed.
double bestLoop = 0, bestLoopCpu = 0, bestBase = 0, bestBaseCpu = 0, bestEngine = 0, bestEngineCpu = 0;
string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
Console.WriteLine($"load average before the rounds: {LoadAverage()}");
for (int round = 1; round <= rounds; round++)
{
    GC.Collect();
    var (flows, windows, attributor, elapsed) = PipelineRun.Run(steps, options.StartUnixMs);
    Console.WriteLine($"round {round} pipeline: {flows / elapsed.TotalSeconds / 1e6:F2} M flows/s wall, {flows / PipelineRun.Cpu.TotalSeconds / 1e6:F2} M flows/CPU-s (one thread), " +
        $"{windows:N0} windows; attributed {attributor.Attributed:N0}, unattributed {attributor.Unattributed:N0}, waited {attributor.Late:N0}, evicted {attributor.EvictedEarly:N0}; " +
        $"{PipelineRun.AllocatedBytes / (double)flows:F1} B allocated per flow; {attributor.Ownership.TrackedIps:N0} IPs tracked, ~{attributor.Ownership.EstimateMemoryBytes() / Math.Max(1, attributor.Ownership.TrackedIps)} B/IP estimated");

    GC.Collect();
    var (baseFlows, baseWindows, baseElapsed, baseCpu) = BaselineRun.Run(steps, options.StartUnixMs);
    double baseRate = baseFlows / baseElapsed.TotalSeconds, baseCpuRate = baseFlows / baseCpu.TotalSeconds;
    double pipelineCpuRate = flows / PipelineRun.Cpu.TotalSeconds;
    Console.WriteLine($"round {round} baseline: {baseRate / 1e6:F2} M flows/s wall, {baseCpuRate / 1e6:F2} M flows/CPU-s (one thread), {baseWindows:N0} windows");

    GC.Collect();
    var (engineFlows, engineWindows, engineElapsed, engineMetrics) = EngineRun.Run(steps, options.StartUnixMs);
    double pipelineRate = flows / elapsed.TotalSeconds, engineRate = engineFlows / engineElapsed.TotalSeconds, engineCpuRate = engineFlows / EngineRun.Cpu.TotalSeconds;
    Console.WriteLine($"round {round} engine (jobs' stages, batches of 1024): {engineRate / 1e6:F2} M flows/s wall, {engineCpuRate / 1e6:F2} M flows/CPU-s, {engineWindows:N0} windows; attributed {engineMetrics.Attributed:N0}, unattributed {engineMetrics.Unattributed:N0}, evicted {engineMetrics.Evicted:N0}; " +
        $"{EngineRun.AllocatedBytes / (double)engineFlows:F1} B allocated per flow (process), GC paused {EngineRun.GcPause.TotalSeconds:F2} s");
    GC.Collect();
    var (floorFlows, _, _, _) = EngineRun.Run(steps, options.StartUnixMs, attribute: false);
    double floorCpuRate = floorFlows / EngineRun.Cpu.TotalSeconds;
    Console.WriteLine($"round {round} engine floor (the same path, every flow emitted unknown: no attribution): {floorCpuRate / 1e6:F2} M flows/CPU-s; " +
        $"attribution is {1 - (floorCpuRate > 0 ? engineCpuRate / floorCpuRate : 0):P0} of the engine path's CPU");
    Console.WriteLine($"round {round} ratios to baseline: library loop {pipelineRate / baseRate:F2} wall, {pipelineCpuRate / baseCpuRate:F2} CPU; engine {engineRate / baseRate:F2} wall, {engineCpuRate / baseCpuRate:F2} CPU; engine floor {floorCpuRate / baseCpuRate:F2} CPU");
    (bestLoop, bestLoopCpu) = (Math.Max(bestLoop, pipelineRate), Math.Max(bestLoopCpu, pipelineCpuRate));
    (bestBase, bestBaseCpu) = (Math.Max(bestBase, baseRate), Math.Max(bestBaseCpu, baseCpuRate));
    (bestEngine, bestEngineCpu) = (Math.Max(bestEngine, engineRate), Math.Max(bestEngineCpu, engineCpuRate));
}

Console.WriteLine($"best of {rounds} rounds (M flows/s wall / per CPU-s): library loop {bestLoop / 1e6:F2} / {bestLoopCpu / 1e6:F2}, engine {bestEngine / 1e6:F2} / {bestEngineCpu / 1e6:F2}, " +
    $"baseline {bestBase / 1e6:F2} / {bestBaseCpu / 1e6:F2}; shares of the baseline: library loop {bestLoop / bestBase:F2} / {bestLoopCpu / bestBaseCpu:F2}, engine {bestEngine / bestBase:F2} / {bestEngineCpu / bestBaseCpu:F2}");
Console.WriteLine($"load average after the rounds: {LoadAverage()}");

