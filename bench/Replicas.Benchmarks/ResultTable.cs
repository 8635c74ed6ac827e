using System.Globalization;
using System.Text;

namespace StreamJobs.Replicas.Benchmarks;

/// <summary>
/// The markdown table: each replica count's best run against the best baseline and against the best single replica,
/// with the range over all runs (on a shared machine the spread says as much as the best).
/// </summary>
internal static class ResultTable
{
    public static string Format(IReadOnlyList<BaselineResult> baselines, IReadOnlyList<ReplicaResult> runs)
    {
        var baseline = baselines.MaxBy(b => b.SpansPerSecond)!;
        var best = runs.GroupBy(r => r.Replicas).Select(g => g.MaxBy(r => r.SpansPerSecond)!).OrderBy(r => r.Replicas).ToList();
        var one = best.FirstOrDefault(r => r.Replicas == 1);
        var text = new StringBuilder();
        text.AppendLine("| replicas | spans/s, steady (best) | all runs | ÷ baseline | × 1 replica | first commit | settled | all committed | rebalances | replica cores | broker + ZK cores | machine busy cores | replica CPU µs/span |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in best)
        {
            var all = runs.Where(x => x.Replicas == r.Replicas).Select(x => x.SpansPerSecond).ToList();
            var scaling = one is null ? "–" : Invariant($"{r.SpansPerSecond / one.SpansPerSecond:F2}×");
            text.AppendLine(Invariant($"| {r.Replicas} | {r.SpansPerSecond:N0} | {Range(all)} | {r.SpansPerSecond / baseline.SpansPerSecond:F2} | {scaling} | {r.FirstCommit.TotalSeconds:F1} s | {r.Settled.TotalSeconds:F1} s | {r.Total.TotalSeconds:F1} s | {r.Rebalances} | {r.ReplicaCores:F2} | {Server(r.ServerCores)} | {r.MachineBusyCores:F2} | {r.CpuMicrosecondsPerSpan:F1} |"));
        }
        text.AppendLine(Invariant($"| baseline: 1 consumer loop + SpanSerde | {baseline.SpansPerSecond:N0} | {Range(baselines.Select(b => b.SpansPerSecond).ToList())} | 1 | | | | {baseline.Wall.TotalSeconds:F1} s | | {baseline.Cores:F2} (loop) | {Server(baseline.ServerCores)} | {baseline.MachineBusyCores:F2} | {baseline.Cpu.TotalMicroseconds / baseline.Spans:F1} (loop) |"));
        return text.ToString();
    }

    private static string Range(List<double> rates) => Invariant($"{rates.Min() / 1000:F0}k–{rates.Max() / 1000:F0}k");

    private static string Server(double cores) => ServerProcesses.Known ? cores.ToString("F2", CultureInfo.InvariantCulture) : "n/a";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
