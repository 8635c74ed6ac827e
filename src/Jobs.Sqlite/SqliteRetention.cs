using Microsoft.Data.Sqlite;

namespace StreamJobs.Sqlite;

/// <summary>
/// Keeps the store within its bounds, run on the writing connection between batches: traces older than the age bound
/// go, and while the pages in use exceed the size bound the oldest traces go until the data takes 90 % of it (at least a
/// tenth at a time); freed pages are returned to the file system (incremental vacuum) so the file shrinks with the data.
/// </summary>
internal static class SqliteRetention
{
    private const string DeleteOlder = """
        DELETE FROM spans WHERE trace_id IN (SELECT trace_id FROM traces WHERE start_us < $cutoff);
        DELETE FROM trace_services WHERE start_us < $cutoff;
        DELETE FROM dependency_links WHERE start_us < $cutoff;
        DELETE FROM traces WHERE start_us < $cutoff;
        """;

    /// <summary>Applies both bounds; returns how many traces were deleted.</summary>
    public static int Apply(SqliteConnection connection, SqliteTraceStoreOptions options, DateTimeOffset now)
    {
        int deleted = 0;
        if (options.MaxAge is { } age)
        {
            deleted += Delete(connection, (now - age).ToUnixTimeMilliseconds() * 1000);
        }

        for (int round = 0; round < 10 && UsedBytes(connection) is var used && used > options.MaxBytes; round++)
        {
            // Down to 90 % of the bound (at least a tenth of the traces), so the next batches do not trip it again at once.
            double share = Math.Max(0.1, 1 - (0.9 * options.MaxBytes / used));
            long? cutoff = Scalar(connection, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"SELECT start_us FROM traces ORDER BY start_us LIMIT 1 OFFSET (SELECT CAST(COUNT(*) * {share:F3} AS INTEGER) FROM traces)"));
            if (cutoff is null) break;
            deleted += Delete(connection, cutoff.Value + 1);
            Scalar(connection, "PRAGMA incremental_vacuum");
        }

        if (deleted > 0) Scalar(connection, "PRAGMA incremental_vacuum");
        return deleted;
    }

    /// <summary>Bytes in pages that hold data (the file minus its free pages; the WAL not counted).</summary>
    public static long UsedBytes(SqliteConnection connection) =>
        ((Scalar(connection, "PRAGMA page_count") ?? 0) - (Scalar(connection, "PRAGMA freelist_count") ?? 0)) * (Scalar(connection, "PRAGMA page_size") ?? 0);

    private static int Delete(SqliteConnection connection, long cutoffMicros)
    {
        using SqliteTransaction transaction = connection.BeginTransaction();
        using SqliteCommand count = connection.CreateCommand();
        count.Transaction = transaction;
        count.CommandText = "SELECT COUNT(*) FROM traces WHERE start_us < $cutoff";
        count.Parameters.AddWithValue("$cutoff", cutoffMicros);
        int traces = Convert.ToInt32(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        if (traces > 0)
        {
            using SqliteCommand delete = connection.CreateCommand();
            delete.Transaction = transaction;
            delete.CommandText = DeleteOlder;
            delete.Parameters.AddWithValue("$cutoff", cutoffMicros);
            delete.ExecuteNonQuery();
        }

        transaction.Commit();
        return traces;
    }

    private static long? Scalar(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        object? value = command.ExecuteScalar();
        return value is null or DBNull ? null : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
