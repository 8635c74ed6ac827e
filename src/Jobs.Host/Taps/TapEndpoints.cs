using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using StreamJobs.NamedStreams;

namespace StreamJobs.Host.Taps;

/// <summary>
/// <c>GET /taps</c> (streams and their record shapes) and <c>GET|POST /taps/query</c> (a live MQL query evaluated
/// at a lossy tap, streamed as NDJSON or SSE). See docs/taps.md.
/// </summary>
internal static class TapEndpoints
{
    // A slot frees when some client closes its tap; there is no better estimate than "soon".
    private const string RetryAfterSeconds = "5";

    public static void MapTaps(this WebApplication app)
    {
        app.MapGet("/taps", List);
        app.MapGet("/taps/query", QueryAsync);
        app.MapPost("/taps/query", QueryAsync);
    }

    private static IResult List(HttpRequest request, NamedStreamRegistry streams, MqlSchemaRegistry schemas, IOptions<TapOptions> options)
    {
        if (!TapAuthorization.IsAuthorized(request, options.Value.Token)) return Unauthorized();
        return Results.Json(streams.Streams.OrderBy(s => s.Name, StringComparer.Ordinal).Select(s => new
        {
            name = s.Name,
            recordType = s.RecordType.FullName,
            schema = schemas.Find(s.RecordType) is null ? "json" : "typed",
            shape = schemas.Shape(s.RecordType),
            published = s.Published,
            taps = s.Taps,
            tapDropped = s.TapDropped,
        }));
    }

    private static async Task QueryAsync(HttpContext context, NamedStreamRegistry streams, MqlSchemaRegistry schemas, TapSlots slots,
        TapFanout fanout, ReplicaResolver replicas, TapWorkers workers, TapMetrics metrics, IHostApplicationLifetime lifetime, IOptions<TapOptions> tapOptions)
    {
        var options = tapOptions.Value;
        if (!TapAuthorization.IsAuthorized(context.Request, options.Token))
        {
            await Unauthorized().ExecuteAsync(context);
            return;
        }
        var (request, status, problem) = await TapRequest.ReadAsync(context.Request, options);
        if (request is null)
        {
            await Error(status, problem!).ExecuteAsync(context);
            return;
        }
        if (!Mql.Mql.TryParse(request.Query, out var query, out var error, options.QueryLimits()))
        {
            await Results.Json(new
            {
                error = error.ToString(),
                line = error.Line,
                column = error.Column,
                expected = error.Expected,
                found = error.Found,
                caret = error.RenderCaret(request.Query),
            }, statusCode: StatusCodes.Status400BadRequest).ExecuteAsync(context);
            return;
        }
        var names = streams.Streams.Select(s => s.Name).Order(StringComparer.Ordinal).ToArray();
        if (query.Source is null)
        {
            await Results.Json(new { error = $"the query needs FROM <stream>; streams here: {string.Join(", ", names)}", streams = names },
                statusCode: StatusCodes.Status400BadRequest).ExecuteAsync(context);
            return;
        }

        var fan = request.Fanout ?? replicas.IsConfigured;
        if (fan && !replicas.IsConfigured)
        {
            await Error(StatusCodes.Status400BadRequest, $"fanout=true but no replicas are configured ({TapOptions.Section}:Replicas or {TapOptions.Section}:ReplicaDns)").ExecuteAsync(context);
            return;
        }
        INamedStream? stream = null;
        if (!fan && !streams.TryGet(query.Source, out stream))
        {
            await Results.Json(new { error = $"unknown stream '{query.Source}'; streams here: {string.Join(", ", names)}", streams = names },
                statusCode: StatusCodes.Status404NotFound).ExecuteAsync(context);
            return;
        }
        IReadOnlyList<string> targets = [];
        if (fan)
        {
            try
            {
                targets = await replicas.ResolveAsync(context.RequestAborted);
            }
            catch (System.Net.Sockets.SocketException e)
            {
                await Error(StatusCodes.Status502BadGateway, $"cannot resolve {options.ReplicaDns}: {e.Message}").ExecuteAsync(context);
                return;
            }
        }
        if (!slots.TryEnter(options.MaxConcurrent))
        {
            context.Response.Headers.RetryAfter = RetryAfterSeconds;
            await Error(StatusCodes.Status429TooManyRequests, $"too many taps open on this node ({options.MaxConcurrent}, {TapOptions.Section}:MaxConcurrent); try again later")
                .ExecuteAsync(context);
            return;
        }
        try
        {
            var session = stream is null ? null : TapSessionFactory.Create(stream, query, schemas, workers, metrics, options.RegexTimeout);
            context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            context.Response.ContentType = request.Format == TapFormat.Sse ? "text/event-stream" : "application/x-ndjson";
            context.Response.Headers.CacheControl = "no-cache";
            await using var output = new TapOutput(context.Response.Body, request.Format);
            if (session is not null)
            {
                var time = context.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System;
                await session.RunAsync(output, TapRunSettings.From(options, request.Duration, time), context.RequestAborted, lifetime.ApplicationStopping);
            }
            else
            {
                await fanout.RunAsync(output, request, query, targets, context.RequestAborted, lifetime.ApplicationStopping);
            }
        }
        catch (Exception e) when (context.RequestAborted.IsCancellationRequested && e is OperationCanceledException or IOException)
        {
            // The client went away mid-write: its tap is closed by the using above.
        }
        finally
        {
            slots.Exit();
        }
    }

    private static IResult Unauthorized() =>
        Results.Json(new { error = "tap endpoints need 'Authorization: Bearer <token>' (" + TapOptions.Section + ":Token)" }, statusCode: StatusCodes.Status401Unauthorized);

    private static IResult Error(int status, string message) => Results.Json(new { error = message }, statusCode: status);
}
