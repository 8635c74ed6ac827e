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
        text.AppendLine("| replicas | spans/s (10–90% committed) | ÷ baseline | × 1 replica | start-up (to first commit) | total | spans/s over total | replica cores | machine busy cores | replica CPU µs/span |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in best)
        {
            text.AppendLine(Invariant($"| {r.Replicas} | {r.SpansPerSecond:N0} | {r.SpansPerSecond / baseline.SpansPerSecond:F2} | {(one is null ? "–" : (r.SpansPerSecond / one.SpansPerSecond).ToString("F2", CultureInfo.InvariantCulture) + "×")} | {r.StartUp.TotalSeconds:F1} s | {r.Total.TotalSeconds:F1} s | {r.TotalSpansPerSecond:N0} | {r.ReplicaCores:F2} | {r.SteadyMachineBusyCores:F2} | {r.CpuMicrosecondsPerSpan:F1} |"));
        }
        text.AppendLine(Invariant($"| baseline: 1 plain consumer + SpanSerde | {baseline.SpansPerSecond:N0} | 1 | | | {baseline.Wall.TotalSeconds:F1} s | | {baseline.Cpu / baseline.Wall:F2} | {baseline.MachineBusyCores:F2} | {baseline.Cpu.TotalMicroseconds / baseline.Spans:F1} |"));
        return text.ToString();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
