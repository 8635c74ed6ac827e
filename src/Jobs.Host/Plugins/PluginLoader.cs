using StreamJobs.Hosting;

namespace StreamJobs.Host.Plugins;

/// <summary>
/// Loads job plugins from a folder: each subfolder <c>&lt;name&gt;/</c> holds a published plugin whose main assembly is
/// <c>&lt;name&gt;.dll</c> (the output of <c>dotnet publish</c>), containing exactly one <c>IJobProvider</c>. A plugin that fails
/// to load is reported and skipped; the others, and the host's own jobs, still run. The folder is the one set in
/// <see cref="DirectoryKey"/>, else <c>plugins/</c> beside the host's own binaries: never the working directory, so
/// starting the host from a folder that happens to hold a <c>plugins/</c> folder loads nothing from it.
/// </summary>
internal static class PluginLoader
{
    public const string DirectoryKey = "StreamJobs:Plugins:Directory";

    /// <summary><c>plugins/</c> beside the host's binaries (in the container image, <c>/app/plugins</c>).</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "plugins");

    /// <summary>The folder set explicitly (a relative path is taken from the working directory, as typed), else <see cref="DefaultDirectory"/>.</summary>
    public static string DirectoryFrom(IConfiguration configuration) =>
        configuration[DirectoryKey] is { Length: > 0 } configured ? Path.GetFullPath(configured) : DefaultDirectory;

    public static IReadOnlyList<PluginLoadResult> LoadAll(string? directory, StreamJobsBuilder jobs)
    {
        if (string.IsNullOrEmpty(directory) || !Directory.Exists(directory)) return [];
        var results = new List<PluginLoadResult>();
        foreach (var folder in Directory.GetDirectories(directory).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(folder);
            try
            {
                var main = Path.Combine(folder, name + ".dll");
                if (!File.Exists(main)) throw new FileNotFoundException($"{name}.dll not found; a plugin folder holds the `dotnet publish` output of the plugin project named like the folder.", main);
                var known = JobNames(jobs);
                var assembly = new PluginLoadContext(Path.GetFullPath(main)).LoadFromAssemblyPath(Path.GetFullPath(main));
                jobs.AddJobsFrom(assembly, name);
                results.Add(new PluginLoadResult(name, folder, JobNames(jobs).Except(known).ToArray(), null));
            }
            catch (Exception error)
            {
                results.Add(new PluginLoadResult(name, folder, [], Describe(error)));
            }
        }
        return results;
    }

    private static string[] JobNames(StreamJobsBuilder jobs) => jobs.JobNames.ToArray();

    private static string Describe(Exception error) =>
        error is System.Reflection.ReflectionTypeLoadException typeLoad && typeLoad.LoaderExceptions.FirstOrDefault() is { } first
            ? $"{error.Message} First: {first.Message}"
            : error.Message;
}
