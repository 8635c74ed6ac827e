using System.Buffers;
using System.Diagnostics;
using StreamJobs.Telemetry.Spans;
using StreamJobs.Telemetry.Storage;
using StreamJobs.Telemetry.Zipkin;
using StreamJobs.Sqlite;

namespace StreamJobs.TraceStore.Benchmarks;

/// <summary>
/// Kept traces written on one thread, batch after batch as the sink does: into the SQLite store (one transaction per
/// batch, with its indexes) and, as the baseline of the same run, as Zipkin NDJSON appended to a file (the archive).
/// </summary>
internal static class WriteBenchmark
{
    public static (double StoreTracesPerSecond, double ArchiveTracesPerSecond, double StoreCpuPerWall) Run(List<List<TraceWrite>> batches, string folder, int rounds)
    {
        int traces = batches.Sum(b => b.Count);
        double bestStore = 0, bestArchive = 0, cpuShare = 0;
        for (int round = 0; round < rounds; round++)
        {
            string path = Path.Combine(folder, $"write-{round}.db");
            using (var store = SqliteTraceStore.Open(new SqliteTraceStoreOptions { Path = path, MaxAge = null, MaxBytes = 64L << 30 }))
            {
                TimeSpan cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                foreach (var batch in batches) store.WriteAsync(batch).GetAwaiter().GetResult();
                watch.Stop();
                double rate = traces / watch.Elapsed.TotalSeconds;
                if (rate > bestStore) (bestStore, cpuShare) = (rate, (Process.GetCurrentProcess().TotalProcessorTime - cpu0) / watch.Elapsed);
            }

            bestArchive = Math.Max(bestArchive, Archive(batches, Path.Combine(folder, $"archive-{round}.ndjson")) is var t ? traces / t.TotalSeconds : 0);
            foreach (string file in Directory.GetFiles(folder)) File.Delete(file);
        }

        return (bestStore, bestArchive, cpuShare);
    }

    private static TimeSpan Archive(List<List<TraceWrite>> batches, string path)
    {
        var watch = Stopwatch.StartNew();
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        var buffer = new ArrayBufferWriter<byte>(1 << 20);
        foreach (var batch in batches)
        {
            buffer.ResetWrittenCount();
            foreach (TraceWrite write in batch)
            {
                ZipkinJsonWriter.WriteNdjson(buffer, write.Trace.Spans is Span[] array ? array : write.Trace.Spans.ToArray());
            }

            file.Write(buffer.WrittenSpan);
            file.Flush(flushToDisk: false);
        }

        return watch.Elapsed;
    }
}
