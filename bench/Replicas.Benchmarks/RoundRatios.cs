using System.Globalization;
using System.Text;

namespace StreamJobs.Replicas.Benchmarks;

/// <summary>
/// Replica CPU per span as a multiple of the same round's baseline loop, per replica count, with the median. The
/// table's best-of figures pair runs from different rounds; on a machine whose speed drifts between rounds, the ratio
/// within a round is the goal's measure.
/// </summary>
internal sealed class RoundRatios
{
    private readonly SortedDictionary<int, List<double>> _byReplicas = [];

    public void Add(int replicas, ReplicaResult run, double baselineMicrosPerSpan)
    {
        if (!_byReplicas.TryGetValue(replicas, out var ratios)) _byReplicas[replicas] = ratios = [];
        ratios.Add(run.CpuMicrosecondsPerSpan / baselineMicrosPerSpan);
    }

    public string Format(string note)
    {
        var text = new StringBuilder();
        foreach (var (replicas, ratios) in _byReplicas)
        {
            var rounds = string.Join(", ", ratios.Select(r => r.ToString("F2", CultureInfo.InvariantCulture)));
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"replica CPU per span ÷ the round's baseline loop, {replicas} replica(s), per round: {rounds} (median {Median(ratios):F2}){note}"));
        }
        return text.ToString();
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
