using StreamJobs.TraceStore.Benchmarks;

// The embedded trace store: its write rate on one thread next to the NDJSON archive, and the query API's latency over
// a store of about 1M spans. Usage: dotnet run -c Release --project bench/TraceStore.Benchmarks [--write-traces N]
// [--query-traces N] [--queries N, 0 for the write rate only] [--rounds R]
int writeTraces = ArgOr("--write-traces", 50_000);
int queryTraces = ArgOr("--query-traces", 112_000);
int queries = ArgOr("--queries", 1_000);
int rounds = ArgOr("--rounds", 3);
string folder = Directory.CreateTempSubdirectory("streamjobs-store-bench-").FullName;
try
{
    DateTimeOffset end = DateTimeOffset.UtcNow;
    TimeSpan day = TimeSpan.FromDays(1);
    // 64 traces per batch: what the sink gets at the demo's kept rate (a few hundred traces/s) with the engine's batching.
    var writes = Workload.Batches(writeTraces, 64, end, TimeSpan.FromMinutes(10));
    long writeSpans = Workload.SpanCount(writes);
    var (store, archive, cpu) = WriteBenchmark.Run(writes, folder, rounds);
    double spansPerTrace = (double)writeSpans / writeTraces;
    Console.WriteLine($"write: {writeTraces:N0} traces ({writeSpans:N0} spans, {spansPerTrace:F1} per trace) in batches of 64, best of {rounds}, one thread");
    Console.WriteLine("| writer | traces/s | spans/s | ÷ NDJSON archive |");
    Console.WriteLine("|---|---:|---:|---:|");
    Console.WriteLine($"| SQLite store (CPU {cpu:P0} of one core while writing) | {store:N0} | {store * spansPerTrace:N0} | {store / archive:F2}× |");
    Console.WriteLine($"| NDJSON archive (baseline) | {archive:N0} | {archive * spansPerTrace:N0} | 1× |");

    if (queries == 0) return 0; // --queries 0: the write rate only (for profiling the writer)
    var fill = Workload.Batches(queryTraces, 256, end, day, seed: 43);
    var (traces, services, spans) = await QueryBenchmark.RunAsync(fill, end, day, folder, queries);
    Console.WriteLine();
    Console.WriteLine($"query: {spans:N0} spans in {queryTraces:N0} traces over a day; {queries:N0} sequential requests each");
    Console.WriteLine("| request | p50 ms | p99 ms | max ms | p99 ÷ services p99 |");
    Console.WriteLine("|---|---:|---:|---:|---:|");
    Console.WriteLine($"| /api/v2/traces?serviceName=…&endTs=…&lookback=1h&limit=10 | {traces.P50:F1} | {traces.P99:F1} | {traces.Max:F1} | {traces.P99 / services.P99:F1}× |");
    Console.WriteLine($"| /api/v2/services (baseline) | {services.P50:F1} | {services.P99:F1} | {services.Max:F1} | 1× |");
    return 0;
}
finally
{
    Directory.Delete(folder, recursive: true);
}

int ArgOr(string name, int fallback)
{
    int i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
}
