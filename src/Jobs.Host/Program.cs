using StreamJobs.Host;
using StreamJobs.Hosting;
using StreamJobs.Jobs;

var command = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : "run";
var options = args.Length > 0 && !args[0].StartsWith('-') ? args[1..] : args;

switch (command)
{
    case "run":
    case "demo":
        try
        {
            var app = StreamJobsHost.Build(options, demo: command == "demo");
            var progress = app.Services.GetService<StreamJobs.Host.Console.ProgressReporter>();
            if (command == "demo")
            {
                var data = app.Configuration["StreamJobs:Demo:DataDirectory"] ?? "data";
                var urls = app.Configuration["StreamJobs:Http:Urls"] ?? StreamJobsHost.DefaultUrls;
                Console.WriteLine($"StreamJobs demo: synthetic traffic → jobs → kept traces in a trace store (UI {urls.Split(';')[0]}/ui) and NDJSON in {Path.GetFullPath(data)}; Ctrl-C stops it cleanly.");
                var listeners = app.Services.GetRequiredService<StreamJobs.Host.Listeners.ListenerPlan>().Listeners;
                if (listeners.Count > 0)
                    Console.WriteLine("Send your own spans too: " + string.Join(", ", listeners.Select(l => $"{l.Key.Name} {l.Value}{(l.Key.Http2 ? "" : l.Key.Path)}")));
            }
            var exposure = app.Services.GetRequiredService<StreamJobs.Host.Endpoints.ExposureCheck>();
            await app.RunAsync();
            if (exposure.Refusal is { } refusal)
            {
                Console.Error.WriteLine("Invalid configuration: " + refusal);
                return 2;
            }
            // Printed after the jobs have drained, so the totals are final.
            if (progress is not null) foreach (var line in progress.Totals()) Console.WriteLine(line);
            return 0;
        }
        catch (JobConfigurationException error)
        {
            Console.Error.WriteLine(error.Message);
            return 2;
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException error)
        {
            Console.Error.WriteLine("Invalid configuration: " + string.Join("; ", error.Failures));
            return 2;
        }
    case "jobs":
        var host = StreamJobsHost.Build(options, demo: true);
        foreach (var plugin in host.Services.GetRequiredService<IReadOnlyList<StreamJobs.Host.Plugins.PluginLoadResult>>())
        {
            Console.WriteLine(plugin.Error is null
                ? $"plugin {plugin.Name} ({plugin.Path}): {string.Join(", ", plugin.Jobs)}"
                : $"plugin {plugin.Name} ({plugin.Path}) NOT LOADED: {plugin.Error}");
        }
        foreach (var job in host.Services.GetRequiredService<JobCatalog>().Jobs)
        {
            Console.WriteLine($"{job.Name}{(job.Plugin is null ? "" : " [" + job.Plugin + "]")}: {job.Description}");
            foreach (var p in job.Parameters)
                Console.WriteLine($"  {p.Name} ({p.Type}, default {p.Default ?? "none"}{(p.Allowed is null ? "" : ", allowed " + p.Allowed)}): {p.Description}");
        }
        return 0;
    default:
        Console.Error.WriteLine($"Unknown command '{command}'. Usage: streamjobs [run|demo|jobs] [--Section:Key=value ...]");
        return 2;
}
