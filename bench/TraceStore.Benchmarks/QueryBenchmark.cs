using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StreamJobs.Telemetry.Storage;
using StreamJobs.Sqlite;

namespace StreamJobs.TraceStore.Benchmarks;

/// <summary>
/// <c>GET /api/v2/traces</c> latency of a host process over a store filled with the given traces: a service and a
/// one-hour range at a random point of the stored day, limit 10, one request at a time; the baseline of the same run
/// is <c>GET /api/v2/services</c> (the same HTTP path, a trivial read).
/// </summary>
internal static class QueryBenchmark
{
    private static readonly string[] Services = ["edge", "api", "orders", "payments", "inventory", "users"];

    public static async Task<(Percentiles Traces, Percentiles Services, long Spans)> RunAsync(
        List<List<TraceWrite>> batches, DateTimeOffset end, TimeSpan span, string folder, int queries)
    {
        string path = Path.Combine(folder, "query.db");
        using (var store = SqliteTraceStore.Open(new SqliteTraceStoreOptions { Path = path, MaxAge = null, MaxBytes = 64L << 30 }))
        {
            foreach (var batch in batches) await store.WriteAsync(batch);
        }

        int port = FreePort();
        using var host = Process.Start(new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                Path.Combine(AppContext.BaseDirectory, "streamjobs.dll"), "run", $"--StreamJobs:Http:Urls=http://127.0.0.1:{port}",
                $"--StreamJobs:TraceStore:Path={path}", "--StreamJobs:TraceStore:MaxAge=3650.00:00:00", $"--StreamJobs:Demo:DataDirectory={folder}",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        host.OutputDataReceived += (_, _) => { };
        host.ErrorDataReceived += (_, _) => { };
        host.BeginOutputReadLine();
        host.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
            await WaitReadyAsync(http);
            var random = new Random(7);
            string TracesPath()
            {
                long endTs = (end - TimeSpan.FromTicks((long)((span - TimeSpan.FromHours(1)).Ticks * random.NextDouble()))).ToUnixTimeMilliseconds();
                return $"/api/v2/traces?serviceName={Services[random.Next(Services.Length)]}&endTs={endTs}&lookback=3600000&limit=10";
            }

            await MeasureAsync(http, TracesPath, queries / 10); // warm-up: JIT, page cache
            var traces = await MeasureAsync(http, TracesPath, queries);
            var services = await MeasureAsync(http, () => "/api/v2/services", queries);
            return (traces, services, Workload.SpanCount(batches));
        }
        finally
        {
            host.Kill(entireProcessTree: true);
            await host.WaitForExitAsync();
        }
    }

    private static async Task<Percentiles> MeasureAsync(HttpClient http, Func<string> path, int count)
    {
        var latencies = new double[count];
        for (int i = 0; i < count; i++)
        {
            string p = path();
            var watch = Stopwatch.StartNew();
            using var response = await http.GetAsync(p);
            byte[] body = await response.Content.ReadAsByteArrayAsync();
            latencies[i] = watch.Elapsed.TotalMilliseconds;
            if (response.StatusCode != HttpStatusCode.OK || body.Length < 3) throw new InvalidOperationException($"{p}: {(int)response.StatusCode}, {body.Length} bytes");
        }

        Array.Sort(latencies);
        return new Percentiles(latencies[count / 2], latencies[(int)Math.Min(count - 1, Math.Ceiling(count * 0.99) - 1)], latencies[^1]);
    }

    private static async Task WaitReadyAsync(HttpClient http)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(60))
        {
            try
            {
                using var response = await http.GetAsync("/readyz");
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("the host did not become ready within 60 s");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Latency percentiles in milliseconds.</summary>
internal readonly record struct Percentiles(double P50, double P99, double Max);
