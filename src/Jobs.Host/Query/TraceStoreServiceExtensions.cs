using StreamJobs.Hosting;
using StreamJobs.Host.Connectors;
using StreamJobs.Sqlite;

namespace StreamJobs.Host.Query;

/// <summary>
/// Chooses the store kept traces go to and the query API reads: Cassandra when it is on, else the embedded SQLite file
/// (unless <c>StreamJobs:TraceStore:Enabled=false</c>, when the API answers 503).
/// </summary>
internal static class TraceStoreServiceExtensions
{
    public static StreamJobsBuilder AddTraceStore(this StreamJobsBuilder jobs, IConfiguration configuration)
    {
        var services = jobs.Services;
        if (CassandraConnectorOptions.From(configuration).Enabled)
        {
            var keyspace = CassandraConnectorOptions.From(configuration).Keyspace;
            services.AddSingleton(sp =>
            {
                var cassandra = sp.GetRequiredService<CassandraSessionProvider>();
                var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger<Cassandra.Traces.TraceStore>();
                // The session connects on first use, off the request thread; CreateAsync is idempotent (schema, statements).
                return new TraceStoreAccess(
                    async ct => await Cassandra.Traces.TraceStore.CreateAsync(await Task.Run(() => cassandra.Session, ct), cassandra.StoreOptions, logger, ct),
                    $"Cassandra keyspace {keyspace}");
            });
            return jobs;
        }

        var settings = TraceStoreSettings.From(configuration);
        if (!settings.Enabled)
        {
            services.AddSingleton(new TraceStoreAccess(
                _ => throw new InvalidOperationException($"no trace store is configured ({TraceStoreSettings.Section}:Enabled is false and Cassandra is off)"), "none"));
            return jobs;
        }

        var options = settings.ToOptions(configuration);
        options.Validate();
        services.AddSingleton(sp => SqliteTraceStore.Open(options, sp.GetRequiredService<ILoggerFactory>().CreateLogger<SqliteTraceStore>()));
        services.AddSingleton(sp => new TraceStoreAccess(_ => Task.FromResult<Telemetry.Storage.ITraceStore>(sp.GetRequiredService<SqliteTraceStore>()), $"SQLite {options.Path}"));
        jobs.AddJob<SqliteTraceStoreJob>(SqliteTraceStoreJob.Name);
        return jobs;
    }

    /// <summary>Whether kept traces have a store that completes their receipts (else the NDJSON archive must).</summary>
    public static bool HasTraceStore(IConfiguration configuration) =>
        CassandraConnectorOptions.From(configuration).Enabled || TraceStoreSettings.From(configuration).Enabled;
}
