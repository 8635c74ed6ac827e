using System.Reflection;
using System.Runtime.Loader;

namespace StreamJobs.Host.Plugins;

/// <summary>
/// Loads one plugin with its own dependencies. Whatever the host itself can load (StreamJobs.Core, Microsoft.Extensions.*,
/// the framework) comes from the host, so <c>StreamJob</c>, <c>JobContext</c> and friends are the same types on both sides;
/// everything else resolves from the plugin's folder through its .deps.json.
/// </summary>
internal sealed class PluginLoadContext(string mainAssemblyPath) : AssemblyLoadContext(Path.GetFileNameWithoutExtension(mainAssemblyPath))
{
    private readonly AssemblyDependencyResolver _resolver = new(mainAssemblyPath);

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        try
        {
            return Default.LoadFromAssemblyName(assemblyName);
        }
        catch (FileNotFoundException)
        {
            var path = _resolver.ResolveAssemblyToPath(assemblyName);
            return path is null ? null : LoadFromAssemblyPath(path);
        }
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }
}
