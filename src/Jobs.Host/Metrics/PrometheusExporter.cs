using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace StreamJobs.Host.Metrics;

/// <summary>
/// Serves every instrument of the StreamJobs meters in Prometheus text format (prometheus-net and the OpenTelemetry
/// Prometheus exporter cannot be restored here). Observable instruments are read at scrape time; counters are summed
/// as measurements arrive.
/// </summary>
internal sealed class PrometheusExporter : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, ConcurrentDictionary<string, double>> _values = new();
    private readonly object _scrapeLock = new();

    public PrometheusExporter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name.StartsWith("StreamJobs", StringComparison.Ordinal)) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        _listener.Start();
    }

    public string Scrape()
    {
        lock (_scrapeLock)
        {
            foreach (var series in _values.Where(v => IsObservable(v.Key))) series.Value.Clear();
            _listener.RecordObservableInstruments();
            var text = new StringBuilder();
            foreach (var (instrument, series) in _values.OrderBy(v => v.Key.Name, StringComparer.Ordinal))
            {
                var name = MetricName(instrument);
                if (!string.IsNullOrEmpty(instrument.Description)) text.Append("# HELP ").Append(name).Append(' ').Append(instrument.Description).Append('\n');
                text.Append("# TYPE ").Append(name).Append(' ').Append(IsCounter(instrument) ? "counter" : "gauge").Append('\n');
                foreach (var (labels, value) in series.OrderBy(s => s.Key, StringComparer.Ordinal))
                {
                    text.Append(name).Append(labels).Append(' ').Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');
                }
            }
            return text.ToString();
        }
    }

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var series = _values.GetOrAdd(instrument, static _ => new ConcurrentDictionary<string, double>());
        var labels = Labels(tags);
        if (IsObservable(instrument) || !IsCounter(instrument)) series[labels] = value;
        else series.AddOrUpdate(labels, value, (_, sum) => sum + value);
    }

    private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty) return "";
        var text = new StringBuilder("{");
        for (var i = 0; i < tags.Length; i++)
        {
            if (i > 0) text.Append(',');
            text.Append(Sanitize(tags[i].Key)).Append("=\"")
                .Append((Convert.ToString(tags[i].Value, CultureInfo.InvariantCulture) ?? "").Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n"))
                .Append('"');
        }
        return text.Append('}').ToString();
    }

    private static string MetricName(Instrument instrument) =>
        Sanitize(instrument.Name) + (IsCounter(instrument) ? "_total" : "");

    private static string Sanitize(string name)
    {
        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length; i++) if (!char.IsAsciiLetterOrDigit(chars[i]) && chars[i] != '_') chars[i] = '_';
        return new string(chars);
    }

    private static bool IsCounter(Instrument instrument) =>
        instrument.GetType().Name.StartsWith("Counter", StringComparison.Ordinal) || instrument.GetType().Name.StartsWith("ObservableCounter", StringComparison.Ordinal);

    private static bool IsObservable(Instrument instrument) => instrument.IsObservable;
}
