using StreamJobs.Hosting;
using StreamJobs.NamedStreams;

namespace StreamJobs.Host.Endpoints;

/// <summary>Liveness, readiness, metrics, and what runs here.</summary>
internal static class OperationsEndpoints
{
    public static void MapOperations(this WebApplication app)
    {
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapGet("/readyz", (JobRunner runner) => runner.IsReady
            ? Results.Text("ready\n")
            : Results.Text("not ready: " + string.Join(", ", runner.Jobs.Where(j => j.State is not (Jobs.JobState.Running or Jobs.JobState.Completed or Jobs.JobState.Disabled))
                .Select(j => $"{j.Descriptor.Name} is {j.State}")) + "\n", statusCode: StatusCodes.Status503ServiceUnavailable));
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapGet("/jobs", (JobRunner runner) => runner.Jobs.Select(j => new
        {
            name = j.Descriptor.Name,
            description = j.Descriptor.Description,
            state = j.State.ToString(),
            plugin = j.Descriptor.Plugin,
            error = j.Error?.Message,
            parameters = j.Descriptor.Parameters,
        }));
        app.MapGet("/plugins", (IReadOnlyList<Plugins.PluginLoadResult> plugins) => plugins);
        app.MapGet("/streams", (NamedStreamRegistry streams) => streams.Streams.OrderBy(s => s.Name).Select(s => new
        {
            name = s.Name,
            recordType = s.RecordType.Name,
            published = s.Published,
            subscribers = s.Subscribers,
            taps = s.Taps,
            tapDropped = s.TapDropped,
        }));
    }
}
