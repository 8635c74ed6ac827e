using System.Diagnostics;
using System.Globalization;
using StreamJobs.Spans.Benchmarks;

// Spans end to end from the wire: a loopback load generator (this process) sends Zipkin v2 JSON and OTLP protobuf to
// the host (`streamjobs run`: span-buffer → tail-sampler, no Kafka) with 1, 2 and all shards, then with the embedded
// SQLite trace store writing the kept traces (about 10% of them, the default baseline policy), and to the parse-only
// limit in the same run. Usage: dotnet run -c Release --project bench/Spans.Benchmarks [-- --seconds 15 --senders 4];
// `-- --quick` only the limit and 1 shard; `-- --buffered-memory` measures the managed heap per span held in the span buffer against its wire size instead.
if (args is ["--parse-only", var port, var grpcPort])
{
    await ParseOnlyServer.RunAsync(int.Parse(port, CultureInfo.InvariantCulture), int.Parse(grpcPort, CultureInfo.InvariantCulture));
    return 0;
}

// `-- --spans-per-request N` (default 100; 512 is an OpenTelemetry SDK's default export batch): every body's size, in every mode.
SpanBodies.UseSpansPerRequest(Option("--spans-per-request", 100));

// `-- --load http://127.0.0.1:5080 [--format otlp|grpc]` only sends load to a running host, e.g. while a profiler samples it.
if (Array.IndexOf(args, "--load") is var loadAt and >= 0 && loadAt + 1 < args.Length)
{
    using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Option("--senders", 4) }) { Timeout = TimeSpan.FromSeconds(30) };
    var generator = new LoadGenerator(client, args.Contains("grpc") ? SpanBodies.OtlpGrpc() : args.Contains("otlp") ? SpanBodies.OtlpProtobuf() : SpanBodies.ZipkinJson(), Option("--senders", 4));
    using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(Option("--seconds", 30)));
    await generator.RunAsync(new Uri(args[loadAt + 1]), cancel.Token);
    Console.WriteLine($"{generator.AcceptedSpans:N0} spans accepted, {generator.Refused:N0} refused, {generator.Failed:N0} failed");
    return 0;
}

if (args.Contains("--buffered-memory"))
{
    var (perSpan, wire) = BufferedMemory.Measure();
    Console.WriteLine($"| spans buffered | managed heap per span | Zipkin JSON wire bytes per span | heap ÷ wire |");
    Console.WriteLine("|---|---|---|---|");
    Console.WriteLine($"| {BufferedMemory.Target:N0} | {perSpan:N0} B | {wire:N0} B | {perSpan / wire:F2}× |");
    return 0;
}

var seconds = Option("--seconds", 15);
// Tiered compilation under load keeps recompiling the hot paths for about 20 s (a profile at 8–20 s had 6% of the
// host's CPU in the JIT, at 35–47 s none): the default warm-up waits that out, so the rows measure the steady state.
var warmup = Option("--warmup", 20);
var senders = Option("--senders", 4);
var all = Environment.ProcessorCount;
// `-- --quick` measures only the limit and the host with 1 shard, without the store: for alternating before/after runs.
var quick = args.Contains("--quick");
int[] shardCounts = quick ? [1] : all > 2 ? [1, 2, all] : [1, 2];
var workDir = Directory.CreateTempSubdirectory("spans-bench").FullName;
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = senders }) { Timeout = TimeSpan.FromSeconds(30) };

Console.WriteLine($"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {all} cores, load average {LoadAverage()}; {senders} senders, {SpanBodies.SpansPerRequest} spans a request, {warmup} s warm-up + {seconds} s measured per row");
var rows = new List<Row>();
foreach (var (format, bodies) in new[] { ("Zipkin JSON", SpanBodies.ZipkinJson()), ("OTLP protobuf", SpanBodies.OtlpProtobuf()), ("OTLP gRPC", SpanBodies.OtlpGrpc()) })
{
    rows.Add(await MeasureAsync("parse-only limit", format, bodies, TargetProcess.StartParseOnly(workDir)));
    foreach (var shards in shardCounts)
    {
        rows.Add(await MeasureAsync($"host, {shards} shard{(shards == 1 ? "" : "s")}", format, bodies, TargetProcess.StartHost(workDir, shards, store: false)));
    }
    if (!quick) rows.Add(await MeasureAsync($"host, {all} shards + SQLite store", format, bodies, TargetProcess.StartHost(workDir, all, store: true)));
}
Console.WriteLine();
Console.WriteLine("| target | format | spans/s (wall) | target cores busy | spans per target CPU-s | per-core cost vs limit | wall vs 1 shard | allocated per span | GC pauses, share of wall | refused (429/503) | failed |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
foreach (var row in rows)
{
    var limit = rows.First(r => r.Format == row.Format && r.Target.StartsWith("parse", StringComparison.Ordinal));
    var one = rows.FirstOrDefault(r => r.Format == row.Format && r.Target == "host, 1 shard");
    var cost = row.PerCpuSecond > 0 ? limit.PerCpuSecond / row.PerCpuSecond : double.NaN;
    var scale = one is null || row.Target.StartsWith("parse", StringComparison.Ordinal) ? "" : $"{row.Rate / one.Rate:F2}×";
    var allocated = row.AllocatedPerSpan is { } bytes ? $"{bytes:N0} B" : "";
    var pauses = row.GcPauseShare is { } share ? $"{share:P1}" : "";
    Console.WriteLine($"| {row.Target} | {row.Format} | {row.Rate:N0} | {row.Cores:F2} | {row.PerCpuSecond:N0} | {cost:F2}× | {scale} | {allocated} | {pauses} | {row.Refused:N0} | {row.Failed:N0} |");
}
Console.WriteLine($"load average at the end {LoadAverage()}");
Directory.Delete(workDir, recursive: true);
return 0;

async Task<Row> MeasureAsync(string target, string format, SpanBodies bodies, TargetProcess process)
{
    await using (process)
    {
        await process.WaitReadyAsync(http, TimeSpan.FromSeconds(60));
        var load = new LoadGenerator(http, bodies, senders);
        using var stop = new CancellationTokenSource();
        var running = load.RunAsync(bodies.IsGrpc ? process.GrpcAddress : process.BaseAddress, stop.Token);
        await Task.Delay(TimeSpan.FromSeconds(warmup));
        var gc0 = await RuntimeGc.ReadAsync(http, process.BaseAddress);
        var (spans0, cpu0, refused0, failed0) = (load.AcceptedSpans, process.Cpu, load.Refused, load.Failed);
        var clock = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        var (spans1, cpu1, refused1, failed1) = (load.AcceptedSpans, process.Cpu, load.Refused, load.Failed);
        var wall = clock.Elapsed.TotalSeconds;
        var gc1 = await RuntimeGc.ReadAsync(http, process.BaseAddress);
        await stop.CancelAsync();
        await running;
        var cpu = (cpu1 - cpu0).TotalSeconds;
        var gc = gc0 is { } a && gc1 is { } b ? (Allocated: (b.AllocatedBytes - a.AllocatedBytes) / (double)Math.Max(1, spans1 - spans0), Pause: (b.PauseSeconds - a.PauseSeconds) / wall) : ((double Allocated, double Pause)?)null;
        var row = new Row(target, format, (spans1 - spans0) / wall, cpu / wall, cpu > 0 ? (spans1 - spans0) / cpu : 0, refused1 - refused0, failed1 - failed0, gc?.Allocated, gc?.Pause);
        Console.WriteLine($"  {target,-18} {format,-14} {row.Rate,12:N0} spans/s at {row.Cores:F2} cores busy, {row.Refused} refused, {row.Failed} failed");
        return row;
    }
}

int Option(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

internal sealed record Row(string Target, string Format, double Rate, double Cores, double PerCpuSecond, long Refused, long Failed, double? AllocatedPerSpan, double? GcPauseShare);
