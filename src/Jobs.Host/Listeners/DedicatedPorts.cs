namespace StreamJobs.Host.Listeners;

/// <summary>
/// A dedicated listener's port serves its one ingest path and nothing else (404 otherwise), so opening an ingest port
/// to the network never opens taps, stored traces or inventory; those stay on the operations port.
/// </summary>
internal static class DedicatedPorts
{
    public static void UseDedicatedPorts(this WebApplication app)
    {
        var plan = app.Services.GetRequiredService<ListenerPlan>();
        if (plan.Listeners.Count == 0) return;
        app.Use(async (context, next) =>
        {
            if (plan.DedicatedTo(context.Connection.LocalPort) is not { } kind || context.Request.Path.Equals(kind.Path, StringComparison.Ordinal))
            {
                await next(context);
                return;
            }
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync($"port {context.Connection.LocalPort} is the {kind.Name} listener and serves only {kind.Path}; everything else is on the operations port ({ListenerPlan.UrlsSetting}).\n");
        });
    }
}
