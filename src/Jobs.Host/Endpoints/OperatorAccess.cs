using Microsoft.Extensions.Options;
using StreamJobs.Host.Taps;

namespace StreamJobs.Host.Endpoints;

/// <summary>
/// Guards the endpoints that reveal what the host runs or what flows through it, whichever way the server was bound.
/// <list type="bullet">
/// <item>Taps (<c>/taps</c>, <c>/taps/query</c>) stream live records. With a token configured they always need it.
/// Without one they are served only while every bound address is loopback <i>and</i> the request arrived on a loopback
/// address; otherwise they are refused (403), so a bind that exposes the host can never expose the taps.</item>
/// <item>Inventory (<c>/jobs</c>, <c>/plugins</c>, <c>/streams</c>): plugin paths, job parameters and errors. Open to
/// requests that arrive on a loopback address (an operator on the machine or through <c>kubectl port-forward</c>); from
/// anywhere else they need the token, and are refused when none is configured.</item>
/// <item>Stored traces (<c>GET /api/v2/...</c>, the Zipkin query API): span tags and names can carry what users sent,
/// so they are guarded like inventory: open to loopback requests, else the token. Ingest (<c>POST /api/v2/spans</c>)
/// is not affected.</item>
/// <item>Probes, <c>/metrics</c> and ingest stay open: kubelets and Prometheus reach them on the pod address.</item>
/// </list>
/// A loopback request must also name a loopback host (127.0.0.1, [::1], localhost) unless it carries the token, so a
/// web page elsewhere cannot read through the browser of someone on this machine (DNS rebinding).
/// The per-request rule reads the connection's local address, which the client cannot forge; the bound-address rule
/// makes a host that listens beyond loopback without a token fail closed even for a loopback client.
/// </summary>
internal static class OperatorAccess
{
    /// <summary>Adds the guard in front of every endpoint.</summary>
    public static void UseOperatorAccess(this WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<ListenAddresses>();
        app.Use(async (context, next) =>
        {
            var refusal = Check(context, () => addresses.NonLoopback, context.RequestServices.GetRequiredService<IOptions<TapOptions>>().Value.Token);
            if (refusal is null) await next(context);
            else await refusal.ExecuteAsync(context);
        });
    }

    /// <summary>
    /// Null when the request may proceed, else the 401/403 to answer. <paramref name="exposed"/> gives the non-loopback
    /// bound addresses; it is asked only for a guarded path, so ingest and probes pay nothing for it.
    /// </summary>
    public static IResult? Check(HttpContext context, Func<IReadOnlyList<string>> exposed, string? token)
    {
        var path = context.Request.Path;
        var tap = path.StartsWithSegments("/taps");
        var inventory = path.StartsWithSegments("/jobs") || path.StartsWithSegments("/plugins") || path.StartsWithSegments("/streams")
            || (path.StartsWithSegments("/api/v2") && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)));
        if (!tap && !inventory) return null;

        var local = LoopbackUrls.IsLoopback(context.Connection.LocalIpAddress);
        // A page from another site in a browser on this machine can reach 127.0.0.1 through DNS rebinding: its requests
        // arrive on loopback but name that site's host. Loopback alone grants nothing to them; the token still does.
        if (local && !LoopbackUrls.IsLoopbackName(context.Request.Host.Host)
            && (string.IsNullOrEmpty(token) || !TapAuthorization.IsAuthorized(context.Request, token)))
        {
            return Error(StatusCodes.Status403Forbidden,
                $"{path} is refused: the request arrived on loopback but its Host header names another host (DNS rebinding?); " +
                "open the host as 127.0.0.1, [::1] or localhost, or send the token");
        }
        if (string.IsNullOrEmpty(token))
        {
            if (local && inventory) return null;
            var bound = exposed();
            if (local && bound.Count == 0) return null;
            var where = local ? string.Join(", ", bound) : $"{context.Connection.LocalIpAddress?.ToString() ?? "an unknown address"} (this request's local address)";
            return Error(StatusCodes.Status403Forbidden,
                $"{path} is refused: this host listens on {where}, which is not loopback, and {TapOptions.Section}:Token is not set; " +
                $"set it (environment STREAMJOBS_StreamJobs__Taps__Token) and send 'Authorization: Bearer <token>', or bind 127.0.0.1 only");
        }
        if (inventory && local) return null;
        return TapAuthorization.IsAuthorized(context.Request, token)
            ? null
            : Error(StatusCodes.Status401Unauthorized, $"{path} needs 'Authorization: Bearer <token>' ({TapOptions.Section}:Token)");
    }

    private static IResult Error(int status, string message) => Results.Json(new { error = message }, statusCode: status);
}
