using Microsoft.Data.Sqlite;
using StreamJobs.Telemetry.Spans;
using StreamJobs.Telemetry.Storage;
using StreamJobs.Telemetry.Synthetic;
using StreamJobs.Sqlite;

namespace StreamJobs.TraceStore.Tests.Sqlite;

/// <summary>What only the embedded store has: its file, WAL mode and retention bounds.</summary>
public sealed class SqliteTraceStoreTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("streamjobs-sqlite-").FullName;

    [Fact]
    public async Task The_file_is_created_in_its_folder_in_wal_mode()
    {
        string path = Path.Combine(_folder, "nested", "traces.db");
        using (var store = SqliteTraceStore.Open(new SqliteTraceStoreOptions { Path = path }))
        {
            await store.WriteAsync(Batch(10, DateTimeOffset.UtcNow));
        }

        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar());
    }

    [Fact]
    public async Task Traces_older_than_the_age_bound_are_deleted_after_a_write_with_their_index_rows()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        using var store = SqliteTraceStore.Open(new SqliteTraceStoreOptions { Path = Path.Combine(_folder, "age.db"), MaxAge = TimeSpan.FromHours(1) }, time: clock);
        var old = Batch(20, clock.Now.AddHours(-2), seed: 1);
        var recent = Batch(20, clock.Now.AddMinutes(-10), seed: 2);
        await store.WriteAsync([.. old, .. recent]);

        Assert.Equal(0, await store.ApplyRetentionAsync());
        Assert.Null(await store.GetTraceAsync(old[0].Trace.TraceId));
        Assert.NotNull(await store.GetTraceAsync(recent[0].Trace.TraceId));
        var query = new TraceQuery { EndTs = clock.Now, Lookback = TimeSpan.FromHours(3), Limit = 1000 };
        Assert.Equal(recent.Select(w => w.Trace.TraceId.ToString()).Order(), (await store.FindTracesAsync(query)).Select(t => t.TraceId.ToString()).Order());
        Assert.Empty(await store.GetDependenciesAsync(clock.Now.AddHours(-1.5), TimeSpan.FromHours(1)));
    }

    [Fact]
    public async Task Beyond_the_size_bound_the_oldest_traces_go_and_the_file_shrinks()
    {
        string path = Path.Combine(_folder, "size.db");
        var now = DateTimeOffset.UtcNow;
        using var store = SqliteTraceStore.Open(new SqliteTraceStoreOptions { Path = path, MaxAge = null, MaxBytes = 1 << 20 });
        var batches = Enumerable.Range(0, 20).Select(i => Batch(100, now.AddMinutes(-60 + i), seed: i)).ToList();
        foreach (var batch in batches) await store.WriteAsync(batch);
        long before = new FileInfo(path).Length + new FileInfo(path + "-wal").Length;

        int deleted = await store.ApplyRetentionAsync();

        Assert.True(deleted > 0);
        Assert.Null(await store.GetTraceAsync(batches[0][0].Trace.TraceId));
        Assert.NotNull(await store.GetTraceAsync(batches[^1][0].Trace.TraceId));
        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        command.ExecuteNonQuery();
        Assert.True(new FileInfo(path).Length <= 1 << 20, $"{new FileInfo(path).Length:N0} bytes after retention (before: {before:N0})");
    }

    [Fact]
    public void Bad_settings_are_refused_with_the_setting_named()
    {
        var error = Assert.Throws<ArgumentException>(() => SqliteTraceStore.Open(new SqliteTraceStoreOptions { Path = Path.Combine(_folder, "x.db"), MaxBytes = 10 }));
        Assert.Contains("MaxBytes", error.Message);
    }

    [Fact]
    public async Task New_files_keep_spans_in_a_rowid_table_with_a_unique_index_on_their_ids()
    {
        string path = Path.Combine(_folder, "layout.db");
        await WriteTwiceAndReadBackAsync(path);

        Assert.DoesNotContain("WITHOUT ROWID", (string)Scalar(path, "SELECT sql FROM sqlite_master WHERE name = 'spans'")!);
        Assert.Equal(1L, Scalar(path, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = 'spans_by_id'"));
    }

    [Fact]
    public async Task A_file_of_the_older_layout_opens_and_is_written_without_an_extra_index()
    {
        string path = Path.Combine(_folder, "older.db");
        // The spans table as files made before the rowid layout have it.
        Scalar(path, """
            CREATE TABLE spans (
                trace_id TEXT NOT NULL, span_id TEXT NOT NULL, shared INTEGER NOT NULL, service TEXT NOT NULL,
                remote_service TEXT NOT NULL, name TEXT NOT NULL, duration_us INTEGER NOT NULL, json BLOB NOT NULL,
                PRIMARY KEY (trace_id, span_id, shared)) WITHOUT ROWID
            """);
        await WriteTwiceAndReadBackAsync(path);

        Assert.Contains("WITHOUT ROWID", (string)Scalar(path, "SELECT sql FROM sqlite_master WHERE name = 'spans'")!);
        Assert.Equal(0L, Scalar(path, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = 'spans_by_id'"));
    }

    [Fact]
    public async Task Late_spans_extend_the_stored_trace_count_once_and_make_their_service_searchable()
    {
        string path = Path.Combine(_folder, "late.db");
        var start = DateTimeOffset.UtcNow.AddMinutes(-5);
        var trace = new TraceId(7, 7);
        var root = LateTestSpan(trace, 1, null, "frontend", start, 0, 10_000);
        var late = LateTestSpan(trace, 2, 1, "billing", start, 20_000, 30_000); // ends 50 ms after the root's start
        using var store = SqliteTraceStore.Open(new SqliteTraceStoreOptions { Path = path });
        await store.WriteAsync([new TraceWrite(Trace.Create(trace, [root]), "baseline")]);

        await store.WriteAsync([new TraceWrite(Trace.Create(trace, [late]), "baseline", spansOnly: true)]);
        await store.WriteAsync([new TraceWrite(Trace.Create(trace, [late]), "baseline", spansOnly: true)]);

        string id = trace.ToString();
        Assert.Equal(50_000L, Scalar(path, $"SELECT duration_us FROM traces WHERE trace_id = '{id}'"));
        Assert.Equal(2L, Scalar(path, $"SELECT span_count FROM traces WHERE trace_id = '{id}'"));
        var found = await store.FindTracesAsync(new TraceQuery { ServiceName = "billing", EndTs = DateTimeOffset.UtcNow, Lookback = TimeSpan.FromHours(1) });
        Assert.Equal(id, Assert.Single(found).TraceId.ToString());
        Assert.Equal(2, found[0].Spans.Count);
    }

    private static Span LateTestSpan(TraceId trace, ulong id, ulong? parent, string service, DateTimeOffset traceStart, long offsetMicros, long durationMicros) => new()
    {
        TraceId = trace,
        Id = new SpanId(id),
        ParentId = parent is { } p ? new SpanId(p) : null,
        Name = "op " + id,
        ServiceName = service,
        StartTimeUnixNanos = (traceStart - DateTimeOffset.UnixEpoch).Ticks * 100 + offsetMicros * 1000,
        DurationNanos = durationMicros * 1000,
    };

    /// <summary>Writes one batch twice into the store at <paramref name="path"/>: the spans are stored once and read back whole.</summary>
    private static async Task WriteTwiceAndReadBackAsync(string path)
    {
        var batch = Batch(5, DateTimeOffset.UtcNow);
        using (var store = SqliteTraceStore.Open(new SqliteTraceStoreOptions { Path = path }))
        {
            await store.WriteAsync(batch);
            await store.WriteAsync(batch); // the same spans again replace, not duplicate
            Assert.Equal(batch[0].Trace.Spans.Count, (await store.GetTraceAsync(batch[0].Trace.TraceId))!.Spans.Count);
        }

        Assert.Equal((long)batch.Sum(w => w.Trace.Spans.Count), Scalar(path, "SELECT COUNT(*) FROM spans"));
    }

    private static object? Scalar(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static List<TraceWrite> Batch(int traces, DateTimeOffset start, int seed = 42)
    {
        var spans = new List<Span>();
        new SyntheticTraceGenerator(seed).Generate(traces, start, spans);
        return spans.GroupBy(s => s.TraceId).Select(g => new TraceWrite(Trace.Create(g.Key, g.ToList()), "baseline")).ToList();
    }

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now => now;

        public override DateTimeOffset GetUtcNow() => now;
    }
}
