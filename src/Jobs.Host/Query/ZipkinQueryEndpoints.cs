using StreamJobs.Telemetry.Storage;

namespace StreamJobs.Host.Query;

/// <summary>
/// The Zipkin v2 query API over the kept traces, so Zipkin's UI, Grafana's Zipkin data source or any Zipkin client
/// can read them: <c>/api/v2/trace/{id}</c>, <c>/traces</c>, <c>/traceMany</c>, <c>/services</c>, <c>/spans</c>,
/// <c>/remoteServices</c>, <c>/dependencies</c>. Bad parameters get 400 with a message; a store that cannot be reached
/// gets 503. Who may read is <see cref="Endpoints.OperatorAccess"/>'s business (trace data, like taps and inventory).
/// </summary>
internal static class ZipkinQueryEndpoints
{
    public static void MapZipkinQuery(this WebApplication app)
    {
        app.MapGet("/api/v2/services", (TraceStoreAccess access, HttpContext http) =>
            WithStore(access, http, async (store, ct) => ZipkinTraceJson.Names(await store.GetServiceNamesAsync(ct))));

        app.MapGet("/api/v2/spans", (TraceStoreAccess access, HttpContext http) =>
        {
            var (service, error) = ZipkinQueryParameters.Service(http.Request.Query);
            return error is not null ? BadRequest(error)
                : WithStore(access, http, async (store, ct) => ZipkinTraceJson.Names(await store.GetSpanNamesAsync(service!, ct)));
        });

        app.MapGet("/api/v2/remoteServices", (TraceStoreAccess access, HttpContext http) =>
        {
            var (service, error) = ZipkinQueryParameters.Service(http.Request.Query);
            return error is not null ? BadRequest(error)
                : WithStore(access, http, async (store, ct) => ZipkinTraceJson.Names(await store.GetRemoteServiceNamesAsync(service!, ct)));
        });

        app.MapGet("/api/v2/trace/{traceId}", (string traceId, TraceStoreAccess access, HttpContext http) =>
        {
            var (id, error) = ZipkinQueryParameters.TraceIdOf(traceId);
            return error is not null ? BadRequest(error) : WithStore(access, http, async (store, ct) =>
                await store.GetTraceAsync(id, ct) is { } trace
                    ? ZipkinTraceJson.Trace(trace)
                    : Results.Json(new { error = $"trace {id} is not stored (not kept by the sampler, or expired)" }, statusCode: StatusCodes.Status404NotFound));
        });

        app.MapGet("/api/v2/traceMany", (TraceStoreAccess access, HttpContext http) =>
        {
            var (ids, error) = ZipkinQueryParameters.TraceIds(http.Request.Query);
            return error is not null ? BadRequest(error) : WithStore(access, http, async (store, ct) =>
            {
                var found = new List<StoredTrace>(ids.Count);
                foreach (var id in ids)
                {
                    if (await store.GetTraceAsync(id, ct) is { } trace) found.Add(trace);
                }

                return ZipkinTraceJson.Traces(found);
            });
        });

        app.MapGet("/api/v2/traces", (TraceStoreAccess access, HttpContext http, TimeProvider time) =>
        {
            var (query, error) = ZipkinQueryParameters.Traces(http.Request.Query, time.GetUtcNow());
            return error is not null ? BadRequest(error)
                : WithStore(access, http, async (store, ct) => ZipkinTraceJson.Traces(await store.FindTracesAsync(query!, ct)));
        });

        app.MapGet("/api/v2/dependencies", (TraceStoreAccess access, HttpContext http, TimeProvider time) =>
        {
            string? error = null;
            var (endTs, lookback) = ZipkinQueryParameters.Window(http.Request.Query, time.GetUtcNow(), required: true, ref error);
            return error is not null ? BadRequest(error)
                : WithStore(access, http, async (store, ct) => ZipkinTraceJson.Links(await store.GetDependenciesAsync(endTs, lookback, ct)));
        });
    }

    private static Task<IResult> BadRequest(string message) =>
        Task.FromResult(Results.Json(new { error = message }, statusCode: StatusCodes.Status400BadRequest));

    private static async Task<IResult> WithStore(TraceStoreAccess access, HttpContext http, Func<ITraceStore, CancellationToken, Task<IResult>> read)
    {
        var ct = http.RequestAborted;
        try
        {
            return await read(await access.GetAsync(ct), ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested && e is not OutOfMemoryException)
        {
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ZipkinQueryEndpoints))
                .LogWarning("Query {Path} failed on {Store}: {Error}", http.Request.Path, access.Description, e.Message);
            return Results.Json(new { error = $"the trace store ({access.Description}) cannot answer: {e.Message}" }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
