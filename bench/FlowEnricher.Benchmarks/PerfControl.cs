namespace StreamJobs.FlowEnricher.Benchmarks;

/// <summary>
/// Lets <c>perf record --control fifo:PATH -D -1</c> sample only the timed parts of the engine rounds: with
/// <c>FLOWS_PERF_CONTROL=PATH</c> set, the engine run writes <c>enable</c> when its clocks start and <c>disable</c> when
/// they stop. Without it a profile is mostly the untimed warm-up (building each round's table, its collections).
/// </summary>
internal static class PerfControl
{
    private static readonly StreamWriter? Fifo = Open(Environment.GetEnvironmentVariable("FLOWS_PERF_CONTROL"));

    public static void Enable() => Send("enable");

    public static void Disable() => Send("disable");

    private static StreamWriter? Open(string? path) =>
        string.IsNullOrEmpty(path) ? null : new StreamWriter(File.OpenWrite(path)) { AutoFlush = true };

    private static void Send(string command) => Fifo?.WriteLine(command);
}
