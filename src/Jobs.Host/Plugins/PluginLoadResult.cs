namespace StreamJobs.Host.Plugins;

/// <summary>What happened to one plugin folder.</summary>
/// <param name="Name">The plugin (its folder and main assembly name).</param>
/// <param name="Path">The plugin's folder.</param>
/// <param name="Jobs">The jobs it registered.</param>
/// <param name="Error">Why it could not be loaded, or null.</param>
internal sealed record PluginLoadResult(string Name, string Path, IReadOnlyList<string> Jobs, string? Error);
