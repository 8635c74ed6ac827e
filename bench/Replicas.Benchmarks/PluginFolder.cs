namespace StreamJobs.Replicas.Benchmarks;

/// <summary>
/// A plugins folder holding this benchmark's own assembly as the plugin <c>Replicas.Benchmarks</c> (the host wants
/// <c>&lt;folder&gt;/&lt;name&gt;/&lt;name&gt;.dll</c>). Everything the plugin uses besides itself (StreamJobs, Confluent.Kafka)
/// the host already has, so the assembly and its .deps.json are all it takes.
/// </summary>
internal static class PluginFolder
{
    public static string Create(string workDirectory)
    {
        var name = typeof(ReceiptSinkJobProvider).Assembly.GetName().Name!;
        var root = Path.Combine(workDirectory, "plugins");
        var folder = Directory.CreateDirectory(Path.Combine(root, name)).FullName;
        foreach (var file in new[] { name + ".dll", name + ".deps.json" })
        {
            File.Copy(Path.Combine(AppContext.BaseDirectory, file), Path.Combine(folder, file), overwrite: true);
        }
        return root;
    }
}
