using System.Globalization;

namespace StreamJobs.Host.Tests.Support;

/// <summary>Reads values out of the host's Prometheus text at <c>/metrics</c>.</summary>
internal static class MetricsText
{
    /// <summary>The value of the first sample of <paramref name="name"/> whose labels include every one given (0 when none).</summary>
    public static double Value(string metrics, string name, params (string Label, string Value)[] labels)
    {
        foreach (var line in metrics.Split('\n'))
        {
            if (!line.StartsWith(name + "{", StringComparison.Ordinal) && !line.StartsWith(name + " ", StringComparison.Ordinal)) continue;
            if (!labels.All(l => line.Contains($"{l.Label}=\"{l.Value}\"", StringComparison.Ordinal))) continue;
            return double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
        }
        return 0;
    }

    /// <summary>The records a job's stage has emitted so far.</summary>
    public static double RecordsOut(string metrics, string job, string stage) =>
        Value(metrics, "streamjobs_records_out_total", ("job", job), ("stage", stage));
}
