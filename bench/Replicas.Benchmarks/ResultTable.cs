using System.Globalization;
using System.Text;

namespace StreamJobs.Replicas.Benchmarks;

/// <summary>The markdown table: each replica count's best run against the best baseline and against 1 replica.</summary>
internal static class ResultTable
{
    public static string Format(BaselineResult baseline, IReadOnlyList<ReplicaResult> best)
    {
        var one = best.FirstOrDefault(r => r.Replicas == 1);
        var text = new StringBuilder();
        text.AppendLine("| replicas | spans/s, steady | ÷ baseline | × 1 replica | first commit | settled | all committed | rebalances | replica cores | broker + ZK cores | machine busy cores | replica CPU µs/span |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in best)
        {
            var scaling = one is null ? "–" : Invariant($"{r.SpansPerSecond / one.SpansPerSecond:F2}×");
            text.AppendLine(Invariant($"| {r.Replicas} | {r.SpansPerSecond:N0} | {r.SpansPerSecond / baseline.SpansPerSecond:F2} | {scaling} | {r.FirstCommit.TotalSeconds:F1} s | {r.Settled.TotalSeconds:F1} s | {r.Total.TotalSeconds:F1} s | {r.Rebalances} | {r.ReplicaCores:F2} | {Server(r.ServerCores)} | {r.MachineBusyCores:F2} | {r.CpuMicrosecondsPerSpan:F1} |"));
        }
        text.AppendLine(Invariant($"| baseline: 1 consumer loop + SpanSerde | {baseline.SpansPerSecond:N0} | 1 | | | | {baseline.Wall.TotalSeconds:F1} s | | {baseline.Cores:F2} (loop) | {Server(baseline.ServerCores)} | {baseline.MachineBusyCores:F2} | {baseline.Cpu.TotalMicroseconds / baseline.Spans:F1} (loop) |"));
        return text.ToString();
    }

    private static string Server(double cores) => ServerProcesses.Known ? cores.ToString("F2", CultureInfo.InvariantCulture) : "n/a";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
